// Triggering a build: the one request that must never happen twice.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/http.hpp"
#include "bellwether/jenkins.hpp"
#include "jenkins/jenkins_request.hpp"

namespace bellwether::jenkins {
namespace {

bool mentions_crumb(std::string body) {
  std::transform(body.begin(), body.end(), body.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return body.find("crumb") != std::string::npos;
}

// Jenkins answers a trigger with Location: <root>/queue/item/<id>/.
std::optional<long> queue_item_id(const std::string& location) {
  static const std::string kMarker = "/queue/item/";
  const auto at = location.rfind(kMarker);
  if (at == std::string::npos) return std::nullopt;
  std::string rest = location.substr(at + kMarker.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto is_digit = [](unsigned char c) { return std::isdigit(c) != 0; };
  if (rest.empty() || rest.size() > 18 || !std::all_of(rest.begin(), rest.end(), is_digit)) return std::nullopt;
  return std::stol(rest);
}

}  // namespace

nlohmann::json describe_trigger(const Settings& settings, const std::string& jenkins_job, const Parameters& params) {
  nlohmann::json headers = {{"Content-Type", detail::kFormContentType}};
  if (!detail::basic_authorization(settings).empty()) headers["Authorization"] = "Basic ****";
  return {{"method", "POST"},
          {"url", http::shown_url(detail::trigger_url(settings, jenkins_job, params))},
          {"headers", headers},
          {"body", detail::form_body(params)}};
}

QueueItem Client::trigger(const std::string& jenkins_job, const Parameters& params) {
  auto request = detail::authorized_request(settings_, detail::trigger_url(settings_, jenkins_job, params));
  request.method = "POST";
  request.body = detail::form_body(params);
  request.content_type = detail::kFormContentType;
  request.idempotent = false;
  const auto add_crumb = [&] {
    if (!crumb_) return;
    request.headers[crumb_->header] = crumb_->value;
    if (!crumb_->cookie.empty()) request.headers["Cookie"] = crumb_->cookie;
  };
  add_crumb();
  auto response = http::send(request);
  // API-token requests are exempt from CSRF protection, but a Jenkins set up otherwise (or a
  // crumb whose session expired) answers 403 and names the crumb; that request did nothing, so
  // it is safe to repeat once with a fresh crumb.
  if (response.status == 403 && mentions_crumb(response.body)) {
    fetch_crumb();
    add_crumb();
    response = http::send(request);
    if (response.status == 403 && mentions_crumb(response.body)) {
      fail(ErrorKind::http, "Jenkins rejected the CSRF crumb it had just issued (HTTP 403 from " +
                                http::shown_url(request.url) + ")");
    }
  }
  const std::string location = response.header("location");
  if (response.status < 400 && !location.empty()) {
    const auto id = queue_item_id(location);
    if (!id || (response.status != 201 && response.status != 303)) {
      fail(ErrorKind::http, "Jenkins answered the trigger of " + jenkins_job + " with HTTP " + std::to_string(response.status) +
                                " and Location " + location + ", which is not a queue item");
    }
    return QueueItem{*id, location, response.status == 303};
  }
  if (response.status < 400) {
    fail(ErrorKind::http, "Jenkins answered the trigger of " + jenkins_job + " with HTTP " + std::to_string(response.status) +
                              " but no queue item (no Location header)");
  }
  detail::fail_for_status(settings_, request, response, jenkins_job, detail::no_such_job(settings_, jenkins_job));
}

void Client::fetch_crumb() {
  const auto request = detail::authorized_request(settings_, detail::base_url(settings_) + "/crumbIssuer/api/json");
  const auto response = http::get(request);
  if (response.status != 200) {
    detail::fail_for_status(settings_, request, response, "",
                            "Jenkins asked for a CSRF crumb but has no crumb issuer at " + http::shown_url(request.url));
  }
  Crumb crumb;
  try {
    const auto body = nlohmann::json::parse(response.body);
    crumb.header = body.at("crumbRequestField").get<std::string>();
    crumb.value = body.at("crumb").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    fail(ErrorKind::http, "unexpected answer from " + http::shown_url(request.url) + ": expected {crumb, crumbRequestField}");
  }
  // The crumb is only valid within the session that issued it.
  const std::string set_cookie = response.header("set-cookie");
  crumb.cookie = set_cookie.substr(0, set_cookie.find(';'));
  crumb_ = std::move(crumb);
}

}  // namespace bellwether::jenkins
