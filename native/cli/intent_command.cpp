#include <iostream>
#include <memory>
#include <string>

#include "chatops_options.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace bellwether::cli {
namespace {
struct IntentFlags {
  ChatOpsFlags chat;
  std::string text, session = "default";
  bool follow = false;
  double follow_timeout = 3600;
};
}  // namespace

CommandAction add_intent_command(CLI::App& app) {
  auto f = std::make_shared<IntentFlags>();
  auto* cmd = app.add_subcommand("intent", "One chat turn: the message's intent, the parameters, the reply (sessions persist between processes)");
  add_chatops_flags(*cmd, f->chat);
  cmd->add_option("--text", f->text, "the chat message")->required();
  cmd->add_option("--session", f->session, "conversation id (with --user and --channel it names the session)");
  cmd->add_flag("--follow", f->follow, "after a trigger, wait for the build and add {build: {number, url, result}}; console on stderr");
  cmd->add_option("--follow-timeout", f->follow_timeout, "seconds to wait with --follow");
  return [f]() {
    intent::ChatOps chatops(chatops_options(f->chat, intent::SessionBackend::directory));
    intent::TurnContext context{chat_user(f->chat), f->chat.channel, f->chat.dry_run};
    nlohmann::json answer = chatops.turn(f->session, context, f->text);
    if (f->follow && answer.value("state", "") == "triggered" && answer.contains("queue_id")) {
      answer["build"] = chatops.follow(answer, [](const std::string& text) { std::cerr << text << std::flush; }, f->follow_timeout);
    }
    print_json(answer, f->chat.pretty);
    return static_cast<int>(answer.contains("error") ? kSourceError : kOk);
  };
}

}  // namespace bellwether::cli
