// Jenkins in chat: a job the ChatOps dialogue triggered, and a build's status.
#include <optional>

#include "bellwether/error.hpp"
#include "notify/event_fields.hpp"
#include "notify/message.hpp"

namespace bellwether::notify {
namespace {

using nlohmann::json;

// Jenkins' results: SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT (and CANCELLED for a queue
// item that never started); none yet while the build runs.
Outcome outcome_of_result(const std::string& result) {
  if (result == "SUCCESS") return Outcome::success;
  if (result == "UNSTABLE") return Outcome::warning;
  if (result == "FAILURE") return Outcome::failure;
  return Outcome::neutral;
}

struct Build {
  std::string job;
  std::optional<long> number;
  std::string url;
  std::string result;  // "" while running
};

Build read_build(const json& build, const std::string& path) {
  if (!build.is_object()) fields::wrong_type(path, "an object", build);
  Build b;
  b.job = fields::optional_string(build, "job", path + ".job").value_or("");
  if (auto number = fields::optional_number(build, "number", path + ".number")) b.number = static_cast<long>(*number);
  b.url = fields::optional_string(build, "url", path + ".url").value_or("");
  b.result = fields::optional_string(build, "result", path + ".result").value_or("");
  return b;
}

std::string build_name(const Build& b) { return b.number ? "#" + std::to_string(*b.number) : std::string("build"); }

void add_build_facts(Message& m, const Build& b) {
  if (b.number) m.facts.push_back({"build", "Build", build_name(b)});
  m.facts.push_back({"result", "Result", b.result.empty() ? "running" : b.result});
  if (!b.url.empty()) m.links.push_back({"job_build", "Build " + build_name(b), b.url});
}

std::string parameters_text(const json& event) {
  const auto it = event.find("params");
  if (it == event.end() || it->is_null()) return {};
  if (!it->is_object()) fields::wrong_type("params", "an object", *it);
  std::string text;
  for (const auto& [name, value] : it->items())
    text += (text.empty() ? "" : ", ") + name + "=" + fields::scalar_text(value);
  return text;
}

}  // namespace

Message triggered_message(const json& event) {
  const std::string job = fields::string_at(event, "job", "job");
  Message m;
  m.title = "Triggered " + job;
  const auto intent = fields::optional_string(event, "intent", "intent");
  const std::string params = parameters_text(event);
  m.summary = fields::optional_string(event, "reply", "reply").value_or("");
  if (m.summary.empty())
    m.summary = "Jenkins job " + job + " was triggered" + (params.empty() ? "." : " with " + params + ".");
  if (intent && !intent->empty()) m.facts.push_back({"intent", "Intent", *intent});
  m.facts.push_back({"job", "Job", job});
  m.facts.push_back({"parameters", "Parameters", params.empty() ? "none" : params});
  if (auto queue = fields::optional_string(event, "queue_url", "queue_url"); queue && !queue->empty()) {
    m.facts.push_back({"queue_url", "Queue item", *queue});
  }
  if (event.contains("build") && !event["build"].is_null()) {
    Build b = read_build(event["build"], "build");
    if (b.job.empty()) b.job = job;
    m.outcome = b.result.empty() ? Outcome::neutral : outcome_of_result(b.result);
    if (b.number) m.title += " " + build_name(b);
    add_build_facts(m, b);
  }
  return m;
}

Message build_message(const json& event) {
  const Build b = read_build(event["build"], "build");
  if (b.job.empty()) fail(ErrorKind::input, "missing", {"", 0, 0, "build.job"});
  if (!b.number) fail(ErrorKind::input, "missing", {"", 0, 0, "build.number"});
  Message m;
  m.outcome = outcome_of_result(b.result);
  if (b.result.empty()) {
    m.title = b.job + " " + build_name(b) + " is running";
    m.summary = "Build " + build_name(b) + " of " + b.job + " has not finished yet.";
  } else {
    m.title = b.job + " " + build_name(b) + ": " + b.result;
    m.summary = "Build " + build_name(b) + " of " + b.job + " finished: " + b.result + ".";
  }
  m.facts.push_back({"job", "Job", b.job});
  add_build_facts(m, b);
  return m;
}

}  // namespace bellwether::notify
