// The terminal conversation: one line in, the reply out, until end of input or "quit".
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "bellwether/error.hpp"
#include "chatops_options.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {
namespace {
struct ChatFlags {
  ChatOpsFlags chat;
  bool json = false;
  bool no_follow = false;
};
}  // namespace

CommandAction add_chat_command(CLI::App& app) {
  auto f = std::make_shared<ChatFlags>();
  f->chat.rate_limit = 20;
  auto* cmd = app.add_subcommand("chat", "Interactive terminal conversation with the job registry");
  add_chatops_flags(*cmd, f->chat);
  cmd->add_flag("--json", f->json, "print each Intent answer as JSON instead of the reply text");
  cmd->add_flag("--no-follow", f->no_follow, "do not wait for triggered builds");
  return [f]() {
    intent::ChatOps chatops(chatops_options(f->chat, intent::SessionBackend::memory));
    const std::string user = chat_user(f->chat);
    intent::TurnContext context{user, f->chat.channel.empty() ? "terminal" : f->chat.channel, f->chat.dry_run};
    const bool interactive = ::isatty(STDIN_FILENO) != 0;
    std::cout << "bellwether chat — say what you need (\"help\" lists the jobs, \"quit\" leaves)." << std::endl;
    std::string line;
    while (true) {
      if (interactive) std::cout << "> " << std::flush;
      if (!std::getline(std::cin, line)) break;
      if (line == "quit" || line == "exit" || line == "/quit") break;
      nlohmann::json answer = chatops.turn("terminal", context, line);
      if (f->json) {
        print_json(answer, f->chat.pretty);
      } else {
        std::cout << answer.value("reply", "") << std::endl;
      }
      if (!f->no_follow && answer.value("state", "") == "triggered" && answer.contains("queue_id")) {
        try {
          std::cout << "Waiting for the build…" << std::endl;
          const auto build = chatops.follow(answer, [](const std::string& text) { std::cout << text << std::flush; }, 3600);
          std::cout << "\nBuild #" << build.value("number", 0L) << " finished: "
                    << (build["result"].is_string() ? build["result"].get<std::string>() : std::string("unknown")) << " "
                    << build.value("url", "") << std::endl;
        } catch (const Error& e) {
          log_warning(std::string("could not follow the build: ") + e.what());
        }
      }
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace bellwether::cli
