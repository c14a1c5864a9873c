// notify as a request: the event posted to chat, best effort. Only a bad request throws; a post
// that fails is an answer with delivered: false and the reason, which names scheme://host only,
// because the webhook URL carries the service's token.
#include <cstdlib>

#include "api/request_fields.hpp"
#include "bellwether/json.hpp"
#include "bellwether/notify.hpp"
#include "bellwether/requests.hpp"

namespace bellwether {
namespace {
using api::RequestFields;

constexpr double kDefaultTimeoutSeconds = 5;  // as the CLI's --timeout

nlohmann::json event_of(const RequestFields& fields) {
  if (*fields.inline_or_path("event", true)) return read_json_file(fields.required_text("event_path"));
  return fields.at("event");
}

// Errors about the event's content name where it came from: the file, or the event field.
template <typename Work>
auto about_event(const RequestFields& fields, Work work) {
  try {
    return work();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::input || !e.where().file.empty()) throw;
    const std::string inner = e.where().field;
    if (fields.has("event_path")) fail(ErrorKind::input, e.detail(), {fields.required_text("event_path"), 0, 0, inner});
    fail(ErrorKind::input, e.detail(), {"", 0, 0, inner.empty() ? "event" : "event." + inner});
  }
}

std::string link_of(const RequestFields& fields, const std::string& field) {
  const std::string link = fields.text(field).value_or("");
  if (!link.empty() && !notify::is_web_url(link)) RequestFields::fail(field, "expected an http:// or https:// URL");
  return link;
}

// The URL is never repeated in a message: it is a secret.
std::string webhook_url_of(const RequestFields& fields) {
  if (fields.has("url") && fields.has("url_env")) RequestFields::fail("url", "give either url or url_env, not both");
  if (const auto variable = fields.text("url_env")) {
    const char* value = std::getenv(variable->c_str());
    if (!value || !*value) {
      fail(ErrorKind::config, "the environment variable " + *variable + " is not set or empty", {"", 0, 0, "url_env"});
    }
    if (!notify::is_web_url(value)) {
      fail(ErrorKind::config, "the environment variable " + *variable + " does not hold an http:// or https:// URL",
           {"", 0, 0, "url_env"});
    }
    return value;
  }
  const auto url = fields.text("url");
  if (!url) RequestFields::fail("url", "required (or url_env naming a variable that holds it, or dry_run)");
  if (!notify::is_web_url(*url)) RequestFields::fail("url", "expected an http:// or https:// URL");
  return *url;
}

}  // namespace

nlohmann::json notify_request(const nlohmann::json& request) {
  return api::answer_for("notify", [&] {
    const RequestFields fields(request, {"to", "url", "url_env", "event", "event_path", "build_url", "report_url", "title",
                                         "timeout", "dry_run"});
    const auto target = notify::parse_target(fields.required_text("to"));
    const notify::Links links{link_of(fields, "build_url"), link_of(fields, "report_url")};
    const std::string title = fields.text("title").value_or("");
    const double timeout = fields.number("timeout").value_or(kDefaultTimeoutSeconds);
    if (!(timeout > 0)) RequestFields::fail("timeout", "must be a positive number of seconds");
    const bool dry_run = fields.flag("dry_run").value_or(false);
    const nlohmann::json event = event_of(fields);
    const auto notification = about_event(fields, [&] { return notify::prepare(target, event, links, title); });
    if (dry_run) return notification.payload;
    const auto result = notify::deliver(target, webhook_url_of(fields), notification.payload, timeout);
    auto answer = notify::delivery_answer(target, notification.event_kind, result);
    // The CLI writes the reason to stderr; a request has only its answer to carry it.
    if (!result.delivered) answer["reason"] = result.reason;
    return answer;
  });
}

}  // namespace bellwether
