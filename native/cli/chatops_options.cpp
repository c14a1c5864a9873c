#include "chatops_options.hpp"

#include <cmath>
#include <cstdlib>

#include "bellwether/slo_config.hpp"

namespace bellwether::cli {

void add_chatops_flags(CLI::App& cmd, ChatOpsFlags& f) {
  cmd.add_option("--registry", f.registry, "jobs.yaml (repeat to merge several files)")->required();
  cmd.add_option("--user", f.user, "who is speaking (default: $USER)");
  cmd.add_option("--channel", f.channel, "where the conversation happens (checked against allowed_channels)");
  auto* dir = cmd.add_option("--state-dir", f.state_dir, "keep sessions and the audit log in this directory (default $XDG_STATE_HOME/bellwether)");
  auto* redis = cmd.add_option("--redis", f.redis, "keep sessions in Redis: redis://[:password@]host:port[/db] or unix:///path (password also from $REDIS_PASSWORD)");
  dir->excludes(redis);
  cmd.add_option("--jenkins", f.jenkins, "Jenkins URL (default $JENKINS_URL; user and API token from $JENKINS_USER and $JENKINS_API_TOKEN or $JENKINS_API_TOKEN_FILE)");
  cmd.add_option("--audit", f.audit, "audit log (JSON lines; default <state dir>/audit.jsonl)");
  cmd.add_option("--ttl", f.ttl, "how long an idle conversation is kept (e.g. 30m)");
  cmd.add_option("--rate-limit", f.rate_limit, "requests per user and minute (0: off)");
  cmd.add_option("--llm", f.llm, "OpenAI-compatible endpoint for the optional LLM classifier (…/v1 or a full …/chat/completions URL)");
  cmd.add_option("--llm-model", f.llm_model, "model name for --llm");
  cmd.add_option("--llm-key-env", f.llm_key_env, "environment variable holding the LLM API key");
  cmd.add_flag("--dry-run", f.dry_run, "reach `triggered` and show the exact Jenkins request without sending it");
  cmd.add_flag("--pretty", f.pretty, "indented JSON");
}

std::string chat_user(const ChatOpsFlags& flags) {
  if (!flags.user.empty()) return flags.user;
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

intent::ChatOpsOptions chatops_options(const ChatOpsFlags& f, intent::SessionBackend default_backend) {
  intent::ChatOpsOptions o;
  for (const auto& r : f.registry) o.registry_files.emplace_back(r);
  o.backend = !f.redis.empty() ? intent::SessionBackend::redis
              : !f.state_dir.empty() ? intent::SessionBackend::directory
                                     : default_backend;
  o.state_dir = f.state_dir;
  o.redis_url = f.redis;
  o.jenkins_url = f.jenkins;
  o.audit_file = f.audit;
  o.dry_run = f.dry_run;
  o.rate_limit_per_minute = f.rate_limit;
  const auto ttl = parse_duration_seconds(f.ttl);
  if (!ttl || *ttl < 1) throw CLI::ValidationError("--ttl", "expected a duration such as 30m, got \"" + f.ttl + "\"");
  o.ttl = std::chrono::seconds(static_cast<long>(std::lround(*ttl)));
  if (!f.llm.empty()) o.llm = intent::LlmSettings{f.llm, f.llm_model, f.llm_key_env, 10};
  return o;
}

}  // namespace bellwether::cli
