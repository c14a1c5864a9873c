#include "jenkins/jenkins_request.hpp"

#include "bellwether/error.hpp"

namespace bellwether::jenkins::detail {
namespace {

std::string base64(const std::string& in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int pending = 0;  // bits collected in `bits` that are not yet written
  for (const char c : in) {
    bits = (bits << 8u) | static_cast<unsigned char>(c);
    pending += 8;
    while (pending >= 6) {
      pending -= 6;
      out += kAlphabet[(bits >> static_cast<unsigned>(pending)) & 63u];
    }
  }
  if (pending > 0) out += kAlphabet[(bits << static_cast<unsigned>(6 - pending)) & 63u];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

// The first line of Jenkins' answer, or the title of its HTML error page (whose first line is
// markup that says nothing).
std::string summary_of_body(const std::string& text) {
  const auto title = text.find("<title>");
  const auto title_end = text.find("</title>");
  std::string line;
  if (title != std::string::npos && title_end != std::string::npos && title_end > title) {
    line = text.substr(title + 7, title_end - title - 7);
  } else {
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return "";
    line = text.substr(start, text.find_first_of("\r\n", start) - start);
  }
  if (line.size() > 200) line = line.substr(0, 200) + "...";
  return line;
}

}  // namespace

std::string base_url(const Settings& settings) {
  std::string url = settings.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string basic_authorization(const Settings& settings) {
  if (settings.user.empty() && settings.token.empty()) return "";
  return "Basic " + base64(settings.user + ":" + settings.token);
}

http::Request authorized_request(const Settings& settings, const std::string& url) {
  http::Request request;
  request.url = url;
  request.timeout_seconds = settings.timeout_seconds;
  request.retries = settings.retries;
  request.ca_file = settings.ca_file;
  if (const auto authorization = basic_authorization(settings); !authorization.empty()) {
    request.headers["Authorization"] = authorization;
  }
  return request;
}

std::string form_body(const Parameters& params) {
  std::string body;
  for (const auto& [name, value] : params) {
    if (!body.empty()) body += '&';
    body += http::url_encode(name) + "=" + http::url_encode(value);
  }
  return body;
}

std::string trigger_url(const Settings& settings, const std::string& jenkins_job, const Parameters& params) {
  return base_url(settings) + job_path(jenkins_job) + (params.empty() ? "/build" : "/buildWithParameters");
}

std::string no_such_job(const Settings& settings, const std::string& jenkins_job) {
  return "no job " + jenkins_job + " on " + http::shown_url(base_url(settings));
}

void fail_for_status(const Settings& settings, const http::Request& request, const http::Response& response,
                     const std::string& jenkins_job, const std::string& not_found) {
  const std::string status = std::to_string(response.status);
  if (response.status == 401 || response.status == 403) {
    const std::string who = settings.user.empty() ? "anonymous access (set JENKINS_USER and JENKINS_API_TOKEN)"
                                                  : "the credentials for user " + settings.user;
    fail(ErrorKind::http, "Jenkins refused " + who + " (HTTP " + status + " from " + http::shown_url(request.url) + ")");
  }
  if (response.status == 404) fail(ErrorKind::http, not_found);
  if (response.status == 409) fail(ErrorKind::http, "job " + jenkins_job + " is not buildable (disabled?)");
  std::string message = "Jenkins answered HTTP " + status + " to " + request.method + " " + http::shown_url(request.url);
  if (const auto line = summary_of_body(response.body); !line.empty()) message += ": " + line;
  fail(ErrorKind::http, message);
}

}  // namespace bellwether::jenkins::detail
