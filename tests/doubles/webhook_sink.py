#!/usr/bin/python3
"""Chat webhook test double (NOT Slack, Teams or Discord): an HTTP server that takes the POSTs
bellwether's notifier sends, records each one, and answers the way the real service answers,
so the notifier can be tested where none of the services can be reached. Python 3 standard
library only.

The service is told by the request path, which is the path of the real webhook URLs:
- /services/<team>/<bot>/<token>  Slack incoming webhook: 200, text/html body "ok";
- /api/webhooks/<id>/<token>      Discord webhook (without ?wait=true): 204, no body;
- /workflows/<id>/triggers/manual/paths/invoke  Teams Workflows webhook: 202, no body;
- anything else                   a generic JSON webhook: 200, no body.

Each request is appended to --log as one JSON line, when it arrives (before any --delay):
{"method", "path" (with the query), "headers": {name: value}, "body" (UTF-8 text),
"body_base64" (the exact bytes)}.

Failures to imitate:
--fail-first N   the first N requests answer 500 "internal_error";
--status N       every other request answers N (with Slack's "invalid_payload" as the body
                 for a 4xx, like Slack's own error answers) instead of the service's success;
--delay S        every answer waits S seconds first (a client with a shorter timeout gives up).
"""
import argparse
import base64
import http.server
import json
import os
import threading
import time


def service_answer(path):
    """(status, content type, body) of the real service's success answer for this path."""
    if path.startswith("/services/"):
        return 200, "text/html", b"ok"
    if path.startswith("/api/webhooks/"):
        return 204, None, b""
    if path.startswith("/workflows/"):
        return 202, None, b""
    return 200, None, b""


class Sink:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.received = 0

    def record(self, handler, body):
        entry = {
            "method": handler.command,
            "path": handler.path,
            "headers": {name: value for name, value in handler.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
            "body_base64": base64.b64encode(body).decode("ascii"),
        }
        with self.lock:
            self.received += 1
            number = self.received
            with open(self.options.log, "a", encoding="utf-8") as out:
                out.write(json.dumps(entry) + "\n")
        return number

    def answer(self, number, path):
        if number <= self.options.fail_first:
            return 500, "text/plain", b"internal_error"
        if self.options.status:
            status = self.options.status
            if 200 <= status < 300:
                return status, None, b""
            return status, "text/plain", b"invalid_payload" if status < 500 else b"internal_error"
        return service_answer(path)


class Handler(http.server.BaseHTTPRequestHandler):
    sink = None
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        number = self.sink.record(self, body)
        if self.sink.options.delay > 0:
            time.sleep(self.sink.options.delay)
        status, content_type, payload = self.sink.answer(number, self.path)
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if status != 204:
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if payload and status != 204:
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (its timeout); the request is recorded anyway

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True, help="written with the port once listening")
    parser.add_argument("--log", required=True, help="JSON-lines file of the requests received")
    parser.add_argument("--status", type=int, default=0)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.0)
    options = parser.parse_args()

    Handler.sink = Sink(options)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    # Written only now that the socket listens, and atomically, so a reader never sees half a port.
    temporary = options.port_file + ".tmp"
    with open(temporary, "w") as out:
        out.write("%d\n" % server.server_address[1])
    os.replace(temporary, options.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
