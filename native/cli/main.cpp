// The bellwether executable: parses arguments, runs one command, and is the CLI's single
// catch boundary mapping errors to exit codes.
#include <malloc.h>

#include <exception>
#include <vector>

#include "bellwether/error.hpp"
#include "bellwether/json.hpp"
#include "commands.hpp"
#include "output.hpp"

int main(int argc, char** argv) {
  using namespace bellwether::cli;
  // A short-lived batch process: keep freed memory instead of handing it back to the kernel
  // after every large sample vector (glibc's trimming showed up as 10% of analyze's time in
  // madvise calls and TLB shootdowns between the worker threads).
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  CLI::App app{"bellwether: risk scoring and statistical canary analysis", "bellwether"};
  app.require_subcommand(1);
  app.set_version_flag("--version", bellwether::version());
  std::vector<std::pair<CLI::App*, CommandAction>> commands;
  for (auto add : {add_compare_command, add_analyze_command, add_decide_command, add_validate_command,
                   add_train_command, add_evaluate_command, add_record_command, add_features_command,
                   add_report_command, add_registry_command, add_notify_command, add_intent_command, add_chat_command}) {
    auto action = add(app);
    commands.emplace_back(app.get_subcommands({}).back(), std::move(action));
  }
  try {
    app.parse(argc, argv);
    for (auto& [sub, action] : commands) {
      if (sub->parsed()) return action();
    }
    return kUsage;
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  } catch (const bellwether::Error& e) {
    log_error(e.what());
    switch (e.kind()) {
      case bellwether::ErrorKind::config:
      case bellwether::ErrorKind::input: return kInputError;
      case bellwether::ErrorKind::source:
      case bellwether::ErrorKind::http: return kSourceError;
      case bellwether::ErrorKind::internal: return kInternal;
    }
    return kInternal;
  } catch (const std::exception& e) {
    log_error(std::string("internal: ") + e.what());
    return kInternal;
  }
}
