#pragma once
// Chat notifications: one of the project's JSON documents (a Decision, a Verdict, a triggered
// job or a build status) becomes a Slack Block Kit message, a Microsoft Teams Adaptive Card, a
// Discord embed or a generic JSON document, and is posted best effort to a webhook. Values from
// the event are data: escaped for each format, cut to each service's limits, never interpreted.
// A webhook URL is a secret (it carries the token): it never appears in a result or a message;
// only its scheme://host does.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bellwether::notify {

enum class Target { slack, teams, discord, webhook };

// "slack" | "teams" | "discord" | "webhook"; Error(input) naming the choices otherwise.
Target parse_target(std::string name);
std::string_view to_string(Target target) noexcept;

// Pages a person may open from the message; empty means none. Only http(s) URLs are accepted.
struct Links {
  std::string build;   // the pipeline's build ($BUILD_URL)
  std::string report;  // the HTML report
};

// "decision" | "verdict" | "triggered" | "build", recognised by the event's fields. Throws
// Error(input) saying which shapes are expected (or, for an Intent answer that is not
// triggered, which state it is in).
std::string event_kind(const nlohmann::json& event);

// The body to POST. `title` replaces the title made from the event when not empty. Throws
// Error(input) with the field when the event is not one of the shapes or a field has the wrong
// type, and when a link is not an http(s) URL.
nlohmann::json build_payload(Target target, const nlohmann::json& event, const Links& links,
                             const std::string& title = {});

struct DeliveryResult {
  bool delivered = false;  // the service answered 2xx
  long status = 0;         // the last HTTP status; 0 when no answer came
  int attempts = 0;
  std::string reason;      // why it was not delivered; names scheme://host only
};

// POSTs the payload as application/json with one retry after a timeout, a connection failure
// or a 5xx. Never throws for network or HTTP failures: they come back as delivered = false
// with the reason.
DeliveryResult deliver(Target target, const std::string& url, const nlohmann::json& payload,
                       double timeout_seconds);

// An http:// or https:// URL: what a webhook, a build link or a report link must be.
bool is_web_url(std::string_view url) noexcept;

// An event made ready to post: which document it is and the body for the target.
struct Notification {
  std::string event_kind;  // as event_kind()
  nlohmann::json payload;  // as build_payload()
};

// event_kind and build_payload together, with their errors.
Notification prepare(Target target, const nlohmann::json& event, const Links& links, const std::string& title = {});

// What became of a post, as `bellwether notify` prints it: {delivered, to, status (null when no
// answer came), attempts, event}. The reason of a failure is not in it (the CLI logs it).
nlohmann::json delivery_answer(Target target, const std::string& event_kind, const DeliveryResult& result);

// "https://hooks.slack.com" for any URL: scheme, host and port, without credentials, path or
// query, which is what may be shown of a webhook URL.
std::string shown_origin(const std::string& url);

}  // namespace bellwether::notify
