// bellwether notify: post a Decision, a Verdict, a triggered job or a build status to chat.
// Best effort: a failed post is exit 4, which a pipeline may ignore; a bad event is exit 3,
// which it should not. The webhook URL is a secret: read it from --url-env to keep it out of
// argv, and only its scheme://host is ever printed.
#include <cstdlib>
#include <memory>
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/notify.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {
namespace {

struct NotifyOptions {
  std::string to, url, url_env, event, build_url, report_url, title;
  double timeout = 5;
  bool dry_run = false, pretty = false;
};

// Every problem with the event file is the caller's to fix (exit 3), an unreadable file
// included: exit 4 means "chat is down" to a pipeline, which may ignore it.
nlohmann::json read_event(const std::string& path) {
  try {
    return read_json_file(path);
  } catch (const Error& e) {
    fail(ErrorKind::input, e.detail(), e.where());
  }
}

// Errors about the event's content name the file.
template <typename Work>
auto about_event(const std::string& path, Work work) {
  try {
    return work();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::input || !e.where().file.empty()) throw;
    fail(ErrorKind::input, e.detail(), {path, 0, 0, e.where().field});
  }
}

std::string webhook_url(const NotifyOptions& o) {
  if (!o.url_env.empty()) {
    const char* value = std::getenv(o.url_env.c_str());
    if (!value || !*value) fail(ErrorKind::config, "--url-env " + o.url_env + ": the variable is not set or empty");
    if (!notify::is_web_url(value)) fail(ErrorKind::config, "--url-env " + o.url_env + ": expected an http:// or https:// URL");
    return value;
  }
  if (o.url.empty()) throw CLI::ValidationError("--url", "give --url or --url-env (or --dry-run to post nothing)");
  // The value is not repeated: it is a secret.
  if (!notify::is_web_url(o.url)) throw CLI::ValidationError("--url", "expected an http:// or https:// URL");
  return o.url;
}

}  // namespace

CommandAction add_notify_command(CLI::App& app) {
  auto o = std::make_shared<NotifyOptions>();
  auto* cmd = app.add_subcommand("notify", "Post a decision, verdict, triggered job or build status to chat");
  cmd->add_option("--to", o->to, "slack | teams | discord | webhook (generic JSON)")
      ->required()
      ->check(CLI::IsMember({"slack", "teams", "discord", "webhook"}));
  auto* url_option = cmd->add_option("--url", o->url, "Webhook URL; it carries a secret, so prefer --url-env");
  auto* url_env_option =
      cmd->add_option("--url-env", o->url_env, "Name of the environment variable holding the webhook URL");
  url_option->excludes(url_env_option);
  cmd->add_option("--event", o->event, "decision.json, verdict.json, an Intent answer or a build status")->required();
  cmd->add_option("--build-url", o->build_url, "Link to the build (default: $BUILD_URL)");
  cmd->add_option("--report-url", o->report_url, "Link to the HTML report");
  cmd->add_option("--title", o->title, "Title instead of the one made from the event");
  cmd->add_option("--timeout", o->timeout, "Seconds per attempt (one retry after a timeout or a 5xx)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--dry-run", o->dry_run, "Print the payload that would be posted; post nothing");
  cmd->add_flag("--pretty", o->pretty, "Indented JSON for people");
  return [o]() {
    const auto target = notify::parse_target(o->to);
    if (o->build_url.empty()) {
      if (const char* env = std::getenv("BUILD_URL")) o->build_url = env;
    }
    if (!o->build_url.empty() && !notify::is_web_url(o->build_url)) {
      throw CLI::ValidationError("--build-url", "expected an http:// or https:// URL (from the option or $BUILD_URL)");
    }
    if (!o->report_url.empty() && !notify::is_web_url(o->report_url)) {
      throw CLI::ValidationError("--report-url", "expected an http:// or https:// URL");
    }
    const auto event = read_event(o->event);
    const notify::Links links{o->build_url, o->report_url};
    const auto notification = about_event(o->event, [&] { return notify::prepare(target, event, links, o->title); });
    if (o->dry_run) {
      print_json(notification.payload, o->pretty);
      return static_cast<int>(kOk);
    }
    const std::string url = webhook_url(*o);
    const auto result = notify::deliver(target, url, notification.payload, o->timeout);
    print_json(notify::delivery_answer(target, notification.event_kind, result), o->pretty);
    if (result.delivered) return static_cast<int>(kOk);
    log_error("notify: " + result.reason);
    return static_cast<int>(kSourceError);
  };
}

}  // namespace bellwether::cli
