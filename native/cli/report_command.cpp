#include <memory>
#include <optional>
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/files.hpp"
#include "bellwether/report.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {

void write_report(const nlohmann::json& verdict, const std::string& decision_path, const std::string& out) {
  std::optional<nlohmann::json> decision;
  if (!decision_path.empty()) decision = read_json_file(decision_path);
  write_file_atomically(out, render_report(verdict, decision ? &*decision : nullptr));
}

namespace {
struct ReportOptions {
  std::string verdict, decision, out;
};
}  // namespace

CommandAction add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand("report", "The HTML report of a stored verdict");
  cmd->add_option("--verdict", o->verdict, "verdict.json printed by analyze")->required();
  cmd->add_option("--decision", o->decision, "decision.json printed by decide: adds the risk factors");
  cmd->add_option("--out", o->out, "report.html to write (one self-contained file)")->required();
  return [o]() {
    const auto verdict = read_json_file(o->verdict);
    try {
      write_report(verdict, o->decision, o->out);
    } catch (const Error& e) {
      if (e.where().file.empty() && e.kind() == ErrorKind::input) fail(ErrorKind::input, e.detail(), {o->verdict, 0, 0, e.where().field});
      throw;
    }
    print_json({{"report", o->out}, {"action", verdict.value("action", "")}}, false);
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
