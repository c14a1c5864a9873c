#pragma once
// One HTTP client for every peer (Prometheus, Jenkins, chat webhooks, LLM endpoints), over
// libcurl: timeouts, bounded retries with backoff, and secrets only in headers (never in
// URLs, argv or logs).
#include <map>
#include <string>

namespace bellwether::http {

struct Request {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::map<std::string, std::string> headers;  // e.g. Authorization; never logged
  std::string body;                            // sent with POST
  std::string content_type;                    // header for the body, e.g. application/json
  double timeout_seconds = 10;
  int retries = 2;                 // extra attempts after a connection error or a 5xx
  double backoff_seconds = 0.2;    // doubled after each attempt
  std::string ca_file;             // TLS trust; empty: the system's
  // A request that must not happen twice (a build trigger): retried only when it cannot
  // have reached the application — no connection, or 502/503 from a proxy or a starting
  // server — never after a timeout, a 500 or a 504, whose outcome is unknown.
  bool idempotent = true;
};

struct Response {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case; the last one wins
  int attempts = 0;
  std::string header(const std::string& lower_case_name) const;  // "" when absent
};

// Sends the request. Throws Error(http) when no response could be had (connection refused,
// timeout, TLS) after the retries; a 4xx/5xx response is returned (5xx only once the
// retries are spent).
Response send(const Request& request);

// GET (the request's method is ignored).
Response get(const Request& request);

// POST of `body` as `content_type`.
Response post(Request request, std::string body, std::string content_type);

// Percent-encodes a query parameter value.
std::string url_encode(const std::string& value);

// The URL without credentials or query, for messages and logs.
std::string shown_url(const std::string& url);

}  // namespace bellwether::http
