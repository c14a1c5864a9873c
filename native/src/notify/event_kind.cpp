// Which of the project's documents an event is, told apart by the fields only that document
// has, so a file from any surface (CLI, JNI, Jenkins) is recognised without a type tag.
#include "bellwether/error.hpp"
#include "bellwether/notify.hpp"

namespace bellwether::notify {

std::string event_kind(const nlohmann::json& event) {
  static const char* const kExpected =
      "expected a Decision {risk_score, strategy, pace, gates, reasons}, a Verdict {action, score, reason, "
      "metrics}, a triggered job {intent, params, state: \"triggered\", job} or a build status "
      "{build: {job, number, url, result}}";
  if (!event.is_object()) fail(ErrorKind::input, std::string(kExpected) + ", got " + event.type_name());
  if (event.contains("risk_score") && event.contains("strategy")) return "decision";
  if (event.contains("action") && event.contains("metrics")) return "verdict";
  if (event.contains("state") && event.contains("job")) {
    const auto& state = event["state"];
    if (state != "triggered") {
      fail(ErrorKind::input, "an Intent answer is worth a notification once triggered, this one is " + state.dump(),
           {"", 0, 0, "state"});
    }
    return "triggered";
  }
  if (event.contains("build") && event["build"].is_object()) return "build";
  std::string keys;
  for (const auto& [key, value] : event.items()) {
    if (keys.size() > 80) {
      keys += ", …";
      break;
    }
    keys += (keys.empty() ? "" : ", ") + key;
  }
  fail(ErrorKind::input, std::string(kExpected) + "; got an object with {" + keys + "}");
}

}  // namespace bellwether::notify
