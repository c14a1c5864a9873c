// Posting a payload, best effort. A webhook URL is a secret (Slack, Discord and Teams put the
// token in its path or query), so nothing of it past scheme://host leaves this file: the HTTP
// client's own messages name the path, and are redacted before they become a reason.
#include <algorithm>

#include "bellwether/error.hpp"
#include "bellwether/http.hpp"
#include "bellwether/json.hpp"
#include "bellwether/notify.hpp"

namespace bellwether::notify {
namespace {

constexpr int kRetries = 1;
constexpr std::size_t kShownBodyChars = 200;

std::string service_name(Target target) {
  switch (target) {
    case Target::slack: return "Slack";
    case Target::teams: return "Teams";
    case Target::discord: return "Discord";
    case Target::webhook: return "The webhook";
  }
  return "The webhook";
}

void replace_all(std::string& text, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
}

// Every spelling of the URL in `text` becomes its origin; whatever is left of the path
// (a service echoing it back) becomes "/…".
std::string redact(std::string text, const std::string& url) {
  const std::string origin = shown_origin(url);
  replace_all(text, url, origin);
  replace_all(text, http::shown_url(url), origin);
  const auto scheme = url.find("://");
  const auto path = url.find_first_of("/?#", scheme == std::string::npos ? 0 : scheme + 3);
  if (path != std::string::npos && url.size() - path > 1) {
    replace_all(text, url.substr(path), "/\xE2\x80\xA6");
    const auto query = url.find('?', path);
    if (query != std::string::npos && query > path + 1)
      replace_all(text, url.substr(path, query - path), "/\xE2\x80\xA6");
  }
  return text;
}

// The first line of an error answer ("no_service", "invalid_payload"), short and printable.
std::string first_line(const std::string& body) {
  std::string line = body.substr(0, body.find_first_of("\r\n"));
  if (line.size() > kShownBodyChars) line = line.substr(0, kShownBodyChars) + "...";
  std::replace_if(
      line.begin(), line.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }, ' ');
  return line;
}

}  // namespace

std::string shown_origin(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "(not a URL)";
  const auto start = scheme + 3;
  const auto end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  const auto at = authority.rfind('@');
  if (at != std::string::npos) authority.erase(0, at + 1);
  return url.substr(0, start) + authority;
}

DeliveryResult deliver(Target target, const std::string& url, const nlohmann::json& payload, double timeout_seconds) {
  http::Request request;
  request.url = url;
  request.timeout_seconds = timeout_seconds;
  request.retries = kRetries;
  request.headers["User-Agent"] = "bellwether/" + version();
  DeliveryResult result;
  const std::string where = service_name(target) + " at " + shown_origin(url);
  try {
    const auto response = http::post(request, payload.dump(), "application/json");
    result.status = response.status;
    result.attempts = response.attempts;
    result.delivered = response.status >= 200 && response.status < 300;
    if (!result.delivered) {
      const std::string said = first_line(response.body);
      result.reason = where + " answered HTTP " + std::to_string(response.status) +
                      (said.empty() ? "" : ": " + redact(said, url)) + " (" + std::to_string(response.attempts) +
                      " attempt" + (response.attempts == 1 ? ")" : "s)");
    }
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::http) throw;
    // The client gives up only once its retries are spent.
    result.attempts = kRetries + 1;
    result.reason = where + " gave no answer: " + redact(e.detail(), url);
  }
  return result;
}

}  // namespace bellwether::notify
