#pragma once
// One HTTP client for every peer (Prometheus, Jenkins, chat webhooks, LLM endpoints), over
// libcurl: timeouts, bounded retries with backoff on connection errors and 5xx, and secrets
// only in headers (never in URLs, argv or logs).
#include <map>
#include <string>

namespace bellwether::http {

struct Request {
  std::string url;
  std::map<std::string, std::string> headers;  // e.g. Authorization; never logged
  double timeout_seconds = 10;
  int retries = 2;                 // extra attempts after a connection error or a 5xx
  double backoff_seconds = 0.2;    // doubled after each attempt
  std::string ca_file;             // TLS trust; empty: the system's
};

struct Response {
  long status = 0;
  std::string body;
  int attempts = 0;
};

// GET. Throws Error(http) when no response could be had (connection refused, timeout, TLS),
// after the retries; a 4xx/5xx response is returned (5xx only once the retries are spent).
Response get(const Request& request);

// Percent-encodes a query parameter value.
std::string url_encode(const std::string& value);

}  // namespace bellwether::http
