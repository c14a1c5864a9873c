#!/usr/bin/python3
"""LLM endpoint test double (NOT OpenAI, NOT Azure OpenAI): an HTTP server speaking the part of
the Chat Completions API that bellwether's LLM classifier uses, with scripted answers, so the
classifier and its fall-backs can be tested where no model can be reached. Python 3 standard
library only.

What it imitates:
- POST /v1/chat/completions (OpenAI form, `Authorization: Bearer <key>`; the key is read from
  the environment variable --key-env names) and
  POST /openai/deployments/<deployment>/chat/completions?api-version=<v> (Azure form, `api-key:
  <key>`; the api-version query parameter is required there).
- A wrong or missing key gets 401 with the service's error object; a body that is not JSON, or
  that lacks `messages`, or whose `response_format` is not `{"type": "json_schema",
  "json_schema": {"strict": true, "schema": {...}, ...}}`, gets 400 with an error object (this
  double insists on strict structured output because bellwether must always ask for it).
- A success is a chat.completion object: {id, object: "chat.completion", created, model,
  choices: [{index: 0, message: {role: "assistant", content: "<JSON text>", refusal: null},
  logprobs: null, finish_reason: "stop"}], usage: {prompt_tokens, completion_tokens,
  total_tokens}}; a refusal has content null and the refusal text, as structured outputs do.

The answers come from --script FILE, a JSON list of entries tried in order; the first whose
"match" is a substring of the last user message decides:
  {"match": "...", "answer": {...}}      content is this object as JSON text
  {"match": "...", "content": "..."}     content is this text as is (to send malformed JSON)
  {"match": "...", "refusal": "..."}     a structured-output refusal
  {"match": "...", "status": 500}        an error answer with this HTTP status
  {"match": "...", "delay": 1.5, ...}    waits this many seconds first (combines with the others)
A message no entry matches gets {"intent": null, "confidence": 0, "params": []}.

Control that the services do not have (no authentication, not recorded):
GET /_double/requests: every request received, [{method, path, headers, body}].
"""
import argparse
import http.server
import json
import os
import threading
import time
import urllib.parse

NO_OPINION = {"intent": None, "confidence": 0, "params": []}


def openai_error(message, error_type, code=None, param=None):
    return {"error": {"message": message, "type": error_type, "param": param, "code": code}}


def azure_error(code, message):
    return {"error": {"code": code, "message": message}}


class Endpoint:
    """The double's state; every handler thread takes the lock."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.requests = []
        self.completions = 0
        with open(options.script, encoding="utf-8") as source:
            self.script = json.load(source)
        if not isinstance(self.script, list):
            raise SystemExit("--script: expected a JSON list of entries")

    def entry_for(self, user_message):
        for entry in self.script:
            if entry.get("match", "") in user_message:
                return entry
        return {}


def last_user_message(body):
    for message in reversed(body.get("messages", [])):
        if isinstance(message, dict) and message.get("role") == "user" and isinstance(message.get("content"), str):
            return message["content"]
    return ""


def schema_problem(body):
    """Why the request does not ask for strict structured output, or None."""
    response_format = body.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_schema":
        return "response_format.type must be 'json_schema'"
    schema = response_format.get("json_schema")
    if not isinstance(schema, dict) or schema.get("strict") is not True:
        return "response_format.json_schema.strict must be true"
    if not isinstance(schema.get("name"), str) or not isinstance(schema.get("schema"), dict):
        return "response_format.json_schema needs a name and a schema"
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    endpoint = None  # set in main()

    def version_string(self):
        return "bellwether-llm-double"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if self.endpoint.options.verbose:
            super().log_message(format, *args)

    def reply_json(self, status, value):
        body = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/_double/requests":
            with self.endpoint.lock:
                return self.reply_json(200, self.endpoint.requests)
        return self.reply_json(404, openai_error("Unknown request URL: GET " + self.path, "invalid_request_error"))

    def do_POST(self):  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        with self.endpoint.lock:
            self.endpoint.requests.append({"method": "POST", "path": self.path, "headers": dict(self.headers.items()),
                                           "body": raw.decode("utf-8", "replace")})
        url = urllib.parse.urlsplit(self.path)
        segments = url.path.strip("/").split("/")
        if url.path == "/v1/chat/completions":
            return self.complete(raw, azure=False, model_hint=None)
        if len(segments) == 5 and segments[:2] == ["openai", "deployments"] and segments[3:] == ["chat", "completions"]:
            if "api-version" not in urllib.parse.parse_qs(url.query):
                return self.reply_json(404, azure_error("404", "Resource not found"))
            return self.complete(raw, azure=True, model_hint=urllib.parse.unquote(segments[2]))
        return self.reply_json(404, openai_error("Unknown request URL: POST " + url.path, "invalid_request_error"))

    def authorized(self, azure):
        key = self.endpoint.options.key
        if azure:
            if self.headers.get("api-key") == key:
                return True
            self.reply_json(401, azure_error("401", "Access denied due to invalid subscription key or wrong API endpoint."))
            return False
        if self.headers.get("Authorization") == "Bearer " + key:
            return True
        self.reply_json(401, openai_error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"))
        return False

    def complete(self, raw, azure, model_hint):
        if not self.authorized(azure):
            return None
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            return self.reply_json(400, openai_error("We could not parse the JSON body of your request.", "invalid_request_error"))
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return self.reply_json(400, openai_error("Missing required parameter: 'messages'.", "invalid_request_error",
                                                     param="messages"))
        problem = schema_problem(body)
        if problem:
            return self.reply_json(400, openai_error(problem, "invalid_request_error", param="response_format"))
        entry = self.endpoint.entry_for(last_user_message(body))
        if entry.get("delay"):
            time.sleep(float(entry["delay"]))
        if "status" in entry:
            status = int(entry["status"])
            return self.reply_json(status, openai_error("The server had an error while processing your request.",
                                                        "server_error"))
        message = {"role": "assistant", "content": None, "refusal": None}
        if "refusal" in entry:
            message["refusal"] = entry["refusal"]
        elif "content" in entry:
            message["content"] = entry["content"]
        else:
            message["content"] = json.dumps(entry.get("answer", NO_OPINION))
        with self.endpoint.lock:
            self.endpoint.completions += 1
            number = self.endpoint.completions
        completion_tokens = len((message["content"] or message["refusal"] or "").split())
        prompt_tokens = len(raw.split())
        return self.reply_json(200, {
            "id": "chatcmpl-double%06d" % number,
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model_hint or body.get("model", ""),
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True, help="written with the port once listening")
    parser.add_argument("--key-env", default="LLM_DOUBLE_API_KEY",
                        help="environment variable holding the API key the double accepts (kept out of argv)")
    parser.add_argument("--script", required=True, help="JSON list of scripted answers (see above)")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    options.key = os.environ.get(options.key_env, "")
    if not options.key:
        raise SystemExit("$%s must hold the API key the double accepts" % options.key_env)

    Handler.endpoint = Endpoint(options)
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
