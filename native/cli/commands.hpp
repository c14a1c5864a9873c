#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace bellwether::cli {

// Each command registers its subcommand and returns the action that runs it; the action
// returns the exit code and may throw bellwether::Error (mapped in main).
using CommandAction = std::function<int()>;

CommandAction add_compare_command(CLI::App& app);
CommandAction add_analyze_command(CLI::App& app);
CommandAction add_validate_command(CLI::App& app);
CommandAction add_train_command(CLI::App& app);
CommandAction add_evaluate_command(CLI::App& app);
CommandAction add_decide_command(CLI::App& app);
CommandAction add_record_command(CLI::App& app);
CommandAction add_features_command(CLI::App& app);
CommandAction add_report_command(CLI::App& app);
CommandAction add_registry_command(CLI::App& app);
CommandAction add_notify_command(CLI::App& app);
CommandAction add_intent_command(CLI::App& app);
CommandAction add_chat_command(CLI::App& app);

// Shared by analyze --report and report.
void write_report(const nlohmann::json& verdict, const std::string& decision_path, const std::string& out);

}  // namespace bellwether::cli
