#!/usr/bin/python3
"""Jenkins test double (NOT Jenkins): an HTTP server speaking the part of Jenkins' remote
access API that bellwether's Jenkins client uses, so the client can be tested where no
Jenkins can run. Python 3 standard library only.

What it imitates (jenkins-core and stapler behaviour, see /work/shared/reference/jenkins.md F):
- POST <job>/build and <job>/buildWithParameters (form-encoded body): 201 with
  Location <root>/queue/item/<id>/; 303 to the waiting item when an identical one (same job,
  same parameters) is queued; 404 for an unknown job; 409 "<job> is not buildable" for a
  disabled one (ParameterizedJobMixIn, ParametersDefinitionProperty, Queue.schedule2).
- GET /queue/item/<id>/api/json: a BuildableItem ("why": "Waiting for next available
  executor") that becomes a LeftItem with executable {number, url}, or cancelled: true (Queue).
- GET <job>/<n>/api/json: number, result (null while running), building, duration, url (Run);
  ?tree= keeps only the named top-level fields.
- GET <job>/<n>/logText/progressiveText?start=<byte offset>: the log from the offset, with
  X-Text-Size (the next offset) and X-More-Data: true while more can come (stapler LargeText).
- GET /crumbIssuer/api/json: {crumb, crumbRequestField} and a JSESSIONID.<id> session cookie;
  with --require-crumb a POST without that session's crumb gets Jenkins' 403 "No valid crumb
  was included in the request" (DefaultCrumbIssuer, CrumbFilter).
- HTTP basic authentication user:API token; 401 otherwise.

Deterministic on purpose: the queue and the builds advance per poll, never with time. An item
leaves the queue after --queue-polls polls of it; a build runs for --build-polls polls of its
api/json; its log is served at most --console-chunk bytes per answer. A parameter cancel=true
makes the item leave the queue cancelled; fail=true makes the build end in FAILURE.

Controls that Jenkins does not have (no authentication, not recorded):
GET /_double/requests: every request received, [{method, path, headers, body}];
GET /_double/queue: every queue item created, [{id, job, params, left, cancelled, build}].
"""
import argparse
import base64
import http.cookies
import http.server
import json
import os
import secrets
import threading
import time
import urllib.parse

CRUMB_FIELD = "Jenkins-Crumb"
NO_CRUMB = "No valid crumb was included in the request"


def error_page(status, message):
    # Jenkins' Jetty error page, reduced to what a client might read.
    return ("<html><head><title>Error %d %s</title></head><body><h2>HTTP ERROR %d %s</h2></body></html>\n"
            % (status, message, status, message))


def parse_job_path(path):
    """'/job/a/job/b/rest/of/path' -> ('a/b', ['rest', 'of', 'path']), or None."""
    segments = path.strip("/").split("/")
    names = []
    while len(segments) >= 2 and segments[0] == "job":
        names.append(urllib.parse.unquote(segments[1]))
        segments = segments[2:]
    return ("/".join(names), segments) if names else None


class Build:
    def __init__(self, job, number, item, root):
        self.job, self.number, self.item = job, number, item
        self.url = root + "".join("/job/" + urllib.parse.quote(s, safe="") for s in job.split("/")) + "/%d/" % number
        self.polls = 0
        self.timestamp = int(time.time() * 1000)
        self.result = "FAILURE" if item.param("fail") == "true" else "SUCCESS"
        steps = ["step 1/3 \u2713", "step 2/3 \u2713",
                 "step 3/3 \u2717 failed" if self.result == "FAILURE" else "step 3/3 \u2713"]
        self.lines = (["Started by user " + (item.user or "anonymous"),
                       "Building in workspace /var/jenkins_home/workspace/" + job]
                      + ["  %s = %s" % (k, v) for k, v in item.params]
                      + steps + ["Finished: " + self.result])

    def finished(self, build_polls):
        return self.polls > build_polls

    def visible_log(self, build_polls):
        # The log grows while the build runs; the Finished line comes last.
        shown = len(self.lines) if self.finished(build_polls) else min(len(self.lines) - 1, 2 + self.polls)
        return "".join(line + "\n" for line in self.lines[:shown]).encode("utf-8")


class QueueItem:
    def __init__(self, item_id, job, params, user, root):
        self.id, self.job, self.params, self.user = item_id, job, params, user
        self.url = root + "/queue/item/%d/" % item_id
        self.polls = 0
        self.left = False
        self.cancelled = False
        self.build = None
        self.since = int(time.time() * 1000)

    def param(self, name):
        return dict(self.params).get(name)

    def json(self):
        answer = {
            "_class": "hudson.model.Queue$LeftItem" if self.left else "hudson.model.Queue$BuildableItem",
            "actions": [{"_class": "hudson.model.ParametersAction",
                         "parameters": [{"_class": "hudson.model.StringParameterValue", "name": k, "value": v}
                                        for k, v in self.params]}],
            "blocked": False, "buildable": not self.left, "id": self.id, "inQueueSince": self.since,
            "params": "".join("\n%s=%s" % (k, v) for k, v in self.params), "stuck": False,
            "task": {"_class": "hudson.model.FreeStyleProject", "name": self.job.split("/")[-1], "color": "blue"},
            "url": "queue/item/%d/" % self.id,
            "why": None if self.left else "Waiting for next available executor",
        }
        if self.left:
            answer["cancelled"] = self.cancelled
            answer["executable"] = (None if self.build is None else
                                    {"_class": "hudson.model.FreeStyleBuild", "number": self.build.number,
                                     "url": self.build.url})
        else:
            answer["pending"] = False
        return answer


class Jenkins:
    """The double's state; every handler thread takes the lock."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.root = ""
        self.requests = []
        self.posts = 0
        self.items = {}
        self.builds = {}
        self.next_build_number = {}
        self.sessions = {}  # session id -> crumb
        self.jobs = set(filter(None, options.jobs.split(",")))
        self.disabled = set(filter(None, options.disabled_job.split(",")))

    def authenticated_user(self, header):
        """(ok, user): the user named by valid basic credentials, or anonymous without --user."""
        if not self.options.user:
            return True, None
        if not header or not header.startswith("Basic "):
            return False, None
        try:
            user, _, token = base64.b64decode(header[6:], validate=True).decode("utf-8").partition(":")
        except ValueError:
            return False, None
        return (user == self.options.user and token == self.options.token), user

    def valid_crumb(self, headers):
        cookies = http.cookies.SimpleCookie()
        try:
            cookies.load(headers.get("Cookie", ""))
        except http.cookies.CookieError:
            return False
        for name, morsel in cookies.items():
            if name.startswith("JSESSIONID.") and self.sessions.get(morsel.value) is not None:
                return headers.get(CRUMB_FIELD) == self.sessions[morsel.value]
        return False

    def leave_queue(self, item):
        item.left = True
        if item.param("cancel") == "true":
            item.cancelled = True
            return
        number = self.next_build_number.get(item.job, 1)
        self.next_build_number[item.job] = number + 1
        item.build = Build(item.job, number, item, self.root)
        self.builds[(item.job, number)] = item.build


class Handler(http.server.BaseHTTPRequestHandler):

    def version_string(self):
        return "bellwether-jenkins-double"
    jenkins = None  # set in main()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if self.jenkins.options.verbose:
            super().log_message(format, *args)

    def reply(self, status, body=b"", content_type="text/html;charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def reply_json(self, value, headers=()):
        self.reply(200, json.dumps(value), "application/json;charset=utf-8", headers)

    def read_request(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        return url.path, urllib.parse.parse_qs(url.query, keep_blank_values=True), body

    def record(self, path_with_query, body):
        self.jenkins.requests.append({"method": self.command, "path": path_with_query,
                                      "headers": dict(self.headers.items()),
                                      "body": body.decode("utf-8", "replace")})

    def admitted(self):
        """Basic authentication as Jenkins does it; answers 401 and returns None on failure."""
        ok, user = self.jenkins.authenticated_user(self.headers.get("Authorization"))
        if ok:
            return user or ""
        if user:
            self.reply(401, error_page(401, "Invalid password/token for user: " + user),
                       headers=[("WWW-Authenticate", 'Basic realm="Jenkins"')])
        else:
            self.reply(401, error_page(401, "Authentication required"),
                       headers=[("WWW-Authenticate", 'Basic realm="Jenkins"')])
        return None

    def do_GET(self):  # noqa: N802 - http.server's name
        path, query, body = self.read_request()
        with self.jenkins.lock:
            if path == "/_double/requests":
                return self.reply_json(self.jenkins.requests)
            if path == "/_double/queue":
                return self.reply_json([{"id": i.id, "job": i.job, "params": dict(i.params), "left": i.left,
                                         "cancelled": i.cancelled, "build": i.build.number if i.build else None}
                                        for i in self.jenkins.items.values()])
            self.record(self.path, body)
            user = self.admitted()
            if user is None:
                return None
            if path == "/crumbIssuer/api/json":
                return self.issue_crumb()
            parts = path.strip("/").split("/")
            if len(parts) == 5 and parts[:2] == ["queue", "item"] and parts[3:] == ["api", "json"] and parts[2].isdigit():
                return self.queue_item(int(parts[2]))
            job = parse_job_path(path)
            if job and job[1] and job[1][0].isdigit():
                build = self.jenkins.builds.get((job[0], int(job[1][0])))
                if build:
                    return self.build_answer(build, job[1][1:], query)
            return self.reply(404, error_page(404, "Not Found"))

    def do_POST(self):  # noqa: N802 - http.server's name
        path, query, body = self.read_request()
        jenkins = self.jenkins
        with jenkins.lock:
            self.record(self.path, body)
            jenkins.posts += 1
            if jenkins.posts <= jenkins.options.fail_first_posts:
                status = jenkins.options.fail_status
                return self.reply(status, error_page(status, "Service Unavailable" if status == 503 else "Server Error"))
            user = self.admitted()
            if user is None:
                return None
            if jenkins.options.require_crumb and not jenkins.valid_crumb(self.headers):
                return self.reply(403, error_page(403, NO_CRUMB))
            job = parse_job_path(path)
            if not job or job[1] not in (["build"], ["buildWithParameters"]):
                return self.reply(404, error_page(404, "Not Found"))
            name, action = job[0], job[1][0]
            if name not in jenkins.jobs and name not in jenkins.disabled:
                return self.reply(404, error_page(404, "Not Found"))
            if name in jenkins.disabled:
                return self.reply(409, error_page(409, name + " is not buildable"))
            params = []
            if action == "buildWithParameters":
                params = [(k, v) for k, values in query.items() for v in values]
                if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
                    params += urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            return self.schedule(name, params, user)

    def schedule(self, job, params, user):
        jenkins = self.jenkins
        for item in jenkins.items.values():
            if not item.left and item.job == job and sorted(item.params) == sorted(params):
                return self.reply(303, headers=[("Location", item.url)])
        item_id = len(jenkins.items) + 1
        jenkins.items[item_id] = QueueItem(item_id, job, params, user, jenkins.root)
        return self.reply(201, headers=[("Location", jenkins.items[item_id].url)])

    def issue_crumb(self):
        jenkins = self.jenkins
        if not jenkins.options.require_crumb:
            return self.reply(404, error_page(404, "Not Found"))
        session = "node0" + secrets.token_hex(12) + ".node0"
        jenkins.sessions[session] = secrets.token_hex(32)
        cookie = "JSESSIONID.%s=%s; Path=/; HttpOnly" % (jenkins.options.cookie_suffix, session)
        return self.reply_json({"_class": "hudson.security.csrf.DefaultCrumbIssuer",
                                "crumb": jenkins.sessions[session], "crumbRequestField": CRUMB_FIELD},
                               headers=[("Set-Cookie", cookie)])

    def queue_item(self, item_id):
        item = self.jenkins.items.get(item_id)
        if item is None:
            return self.reply(404, error_page(404, "Not Found"))
        item.polls += 1
        if not item.left and item.polls > self.jenkins.options.queue_polls:
            self.jenkins.leave_queue(item)
        return self.reply_json(item.json())

    def build_answer(self, build, rest, query):
        build_polls = self.jenkins.options.build_polls
        if rest == ["api", "json"]:
            build.polls += 1
            finished = build.finished(build_polls)
            answer = {"_class": "hudson.model.FreeStyleBuild", "building": not finished, "description": None,
                      "displayName": "#%d" % build.number, "duration": 1234 if finished else 0,
                      "estimatedDuration": 1234, "fullDisplayName": "%s #%d" % (build.job, build.number),
                      "id": str(build.number), "inProgress": not finished, "number": build.number,
                      "queueId": build.item.id, "result": build.result if finished else None,
                      "timestamp": build.timestamp, "url": build.url}
            if "tree" in query:
                wanted = {field.split("[")[0] for field in query["tree"][0].split(",")}
                answer = {k: v for k, v in answer.items() if k == "_class" or k in wanted}
            return self.reply_json(answer)
        if rest == ["logText", "progressiveText"]:
            log = build.visible_log(build_polls)
            start = int(query.get("start", ["0"])[0])
            piece = log[start:start + self.jenkins.options.console_chunk]
            next_offset = start + len(piece)
            headers = [("X-Text-Size", str(next_offset))]
            if not build.finished(build_polls) or next_offset < len(log):
                headers.append(("X-More-Data", "true"))
            return self.reply(200, piece, "text/plain;charset=UTF-8", headers)
        if rest == ["consoleText"]:
            return self.reply(200, build.visible_log(build_polls), "text/plain;charset=UTF-8")
        return self.reply(404, error_page(404, "Not Found"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True, help="written with the port once listening")
    parser.add_argument("--user", default="")
    parser.add_argument("--token", default="")
    parser.add_argument("--require-crumb", action="store_true")
    parser.add_argument("--fail-first-posts", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=503, help="status of the failed POSTs")
    parser.add_argument("--jobs", default="", help="known jobs, comma-separated folder paths")
    parser.add_argument("--disabled-job", default="", help="jobs that answer 409, comma-separated")
    parser.add_argument("--queue-polls", type=int, default=2, help="polls an item waits before it leaves the queue")
    parser.add_argument("--build-polls", type=int, default=3, help="api/json polls a build runs for")
    parser.add_argument("--console-chunk", type=int, default=40, help="bytes of log per progressiveText answer")
    parser.add_argument("--cookie-suffix", default="d0ub1e00")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()

    Handler.jenkins = Jenkins(options)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    Handler.jenkins.root = "http://127.0.0.1:%d" % port
    # Written only now that the socket listens, and atomically, so a reader never sees half a port.
    temporary = options.port_file + ".tmp"
    with open(temporary, "w") as out:
        out.write("%d\n" % port)
    os.replace(temporary, options.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
