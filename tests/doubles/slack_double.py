#!/usr/bin/python3
"""Test double of Slack for the Jenkins plugin's chat tests.

Slack cannot run here, so this double answers the three things the plugin calls, the way Slack
documents them:
  POST /commands/<team>/<id>/<secret>   a slash command's response_url: JSON body, 200 "ok";
                                        an unknown or used-up URL answers 404 "expired_url",
                                        malformed JSON 400 "invalid_payload", no text 400 "no_text"
  POST /api/chat.postMessage            Bearer token, JSON body; 200 {"ok": true, "channel", "ts",
                                        "message"}, or 200 {"ok": false, "error": ...}
                                        (not_authed, invalid_auth, channel_not_found, not_in_channel)
  GET  /api/users.info?user=U...        Bearer token; 200 {"ok": true, "user": {"id", "profile":
                                        {"email"}}} or {"ok": false, "error": "user_not_found"}
It records every request (method, path, the headers the plugin sets, the exact body) for the
tests: GET /_requests returns them, POST /_reset forgets them.

Usage: slack_double.py --token xoxb-... [--user U123=alice@example.com] [--user U456=]
       [--channel-not-in CNOTIN] [--expired /commands/T1/2/expired]
Prints "PORT <n>" once it listens on 127.0.0.1.
"""
import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

KNOWN_CHANNELS_PREFIXES = ("C", "G", "D")


class SlackState:
    def __init__(self, token, users, not_in, expired):
        self.token = token
        self.users = users
        self.not_in = not_in
        self.expired = set(expired)
        self.requests = []
        self.next_ts = 1700000000000100
        self.lock = threading.Lock()

    def record(self, handler, body):
        headers = {name: handler.headers[name] for name in ("Content-Type", "Authorization") if handler.headers[name]}
        with self.lock:
            self.requests.append({"method": handler.command, "path": handler.path, "headers": headers,
                                  "body": body.decode("utf-8", "replace")})

    def new_ts(self):
        with self.lock:
            self.next_ts += 1
            ts = self.next_ts
        return "%d.%06d" % (ts // 1000000, ts % 1000000)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SlackDouble/1"

    def log_message(self, fmt, *args):  # quiet: the tests read /_requests instead
        pass

    @property
    def state(self):
        return self.server.state

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, status, body, content_type):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def api(self, answer):
        self.reply(200, json.dumps(answer), "application/json; charset=utf-8")

    def auth_error(self):
        header = self.headers.get("Authorization")
        if not header:
            return "not_authed"
        if header != "Bearer " + self.state.token:
            return "invalid_auth"
        return None

    def do_GET(self):
        path = urlsplit(self.path)
        if path.path == "/_requests":
            with self.state.lock:
                self.reply(200, json.dumps(self.state.requests), "application/json")
            return
        self.state.record(self, b"")
        if path.path == "/api/users.info":
            error = self.auth_error()
            if error:
                return self.api({"ok": False, "error": error})
            user = parse_qs(path.query).get("user", [""])[0]
            if user not in self.state.users:
                return self.api({"ok": False, "error": "user_not_found"})
            profile = {"real_name": user}
            if self.state.users[user]:
                profile["email"] = self.state.users[user]
            return self.api({"ok": True, "user": {"id": user, "profile": profile}})
        self.reply(404, "not found", "text/plain")

    def do_POST(self):
        body = self.body()
        path = urlsplit(self.path).path
        if path == "/_reset":
            with self.state.lock:
                self.state.requests.clear()
            return self.reply(200, "ok", "text/plain")
        self.state.record(self, body)
        if path.startswith("/commands/"):
            return self.response_url(path, body)
        if path == "/api/chat.postMessage":
            return self.post_message(body)
        self.reply(404, "not found", "text/plain")

    def response_url(self, path, body):
        if path in self.state.expired:
            return self.reply(404, "expired_url", "text/plain")
        try:
            payload = json.loads(body)
        except ValueError:
            return self.reply(400, "invalid_payload", "text/plain")
        if not payload.get("text") and not payload.get("blocks"):
            return self.reply(400, "no_text", "text/plain")
        self.reply(200, "ok", "text/html")

    def post_message(self, body):
        error = self.auth_error()
        if error:
            return self.api({"ok": False, "error": error})
        try:
            payload = json.loads(body)
        except ValueError:
            return self.api({"ok": False, "error": "invalid_json"})
        channel = payload.get("channel", "")
        if not channel.startswith(KNOWN_CHANNELS_PREFIXES):
            return self.api({"ok": False, "error": "channel_not_found"})
        if channel in self.state.not_in:
            return self.api({"ok": False, "error": "not_in_channel"})
        message = {"type": "message", "text": payload.get("text", ""), "ts": self.state.new_ts()}
        if payload.get("thread_ts"):
            message["thread_ts"] = payload["thread_ts"]
        self.api({"ok": True, "channel": channel, "ts": message["ts"], "message": message})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--token", required=True)
    parser.add_argument("--user", action="append", default=[], help="SLACK_ID=email (empty: no email shown)")
    parser.add_argument("--channel-not-in", action="append", default=[])
    parser.add_argument("--expired", action="append", default=[])
    args = parser.parse_args()
    users = dict(item.split("=", 1) for item in args.user)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = SlackState(args.token, users, set(args.channel_not_in), args.expired)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
