#pragma once
// JSON in, JSON out: one function per operation, for surfaces that carry requests rather than
// command lines (the JNI bridge behind io.bellwether.api.Bellwether, or any other).
//
// A request is a JSON object with the CLI's options by their long names, dashes as underscores,
// and the data inline instead of file paths; `<field>_path` names a file instead (config_path,
// metrics_path, registry_path, changes_path, policy_path, model_path, data_path, verdict_path,
// decision_path, baseline_path, candidate_path, event_path). Configs (config, policy, registry) are inline
// as a JSON object or as YAML text. The answer is the JSON the CLI prints for the same inputs.
//
// Errors are bellwether::Error whose message starts with the operation and names the field:
// "decide: changes: expected an object, got array" (kind input), "analyze: config:
// analysis.window: …" (kind config, as the core reports it), "decide: /x/changes.json: cannot
// open the file" (kind source). An unknown field is an input error listing the accepted ones.
// Every function is safe to call from several threads at once.
#include <nlohmann/json.hpp>

namespace bellwether {

// {baseline|baseline_path, candidate|candidate_path, alternative, confidence, non_finite}.
// Inline samples are arrays of numbers (a string element is read as a sample file line, so
// "NaN" and "Inf" can be given). → the compare answer.
nlohmann::json compare_request(const nlohmann::json& request);

// {config|config_path, metrics (CSV text)|metrics_path, var: {name: value}, since, until,
// watch, report (an HTML file to write), decision|decision_path (for the report), prometheus}.
// Without metrics the samples come from the config's Prometheus source, or from `prometheus:
// {url, token | username + password, headers: {name: value}}`, which overrides the config's
// connection (url replaces its URL, credentials replace its credentials, headers such as a
// tenant's X-Scope-OrgID are added); the secrets stay in memory, out of answers and messages.
// → the verdict.
nlohmann::json analyze_request(const nlohmann::json& request);

// {changes|changes_path, policy|policy_path, model|model_path, at}. → the decision.
nlohmann::json decide_request(const nlohmann::json& request);

// {data (CSV text)|data_path, label, features (list or "a,b"), date_column, out, l2,
// test_fraction}. → {model (or the out path), features, holdout, notes, date_column}.
nlohmann::json train_request(const nlohmann::json& request);

// {model|model_path, data|data_path, label}. → {auc, brier, log_loss, n, positives, calibration}.
nlohmann::json evaluate_request(const nlohmann::json& request);

// One chat turn: {registry_path (one or a list)|registry (YAML text or object), session, user,
// channel, text, dry_run, state_dir, redis, jenkins, audit, ttl, rate_limit, llm, llm_model,
// llm_key_env}. Sessions live in this process's memory unless state_dir or redis is given; one
// ChatOps service is kept per distinct configuration, so a conversation continues across calls
// (a changed registry file starts a fresh service). → the Intent answer.
nlohmann::json intent_turn_request(const nlohmann::json& request);

// {verdict|verdict_path, decision|decision_path}. → {html}: the self-contained report.
nlohmann::json report_request(const nlohmann::json& request);

// Posts an event to chat, best effort: {to: slack|teams|discord|webhook, url | url_env (a variable
// holding it), event (a Decision, Verdict, triggered Intent answer or build status) | event_path,
// build_url, report_url, title, timeout (seconds per attempt, default 5), dry_run}.
// → {delivered, to, status, attempts, event} as the CLI prints it, plus the reason when not
// delivered (the CLI logs it instead); with dry_run the payload, posting nothing. A failed post is
// such an answer, never an error; the URL is a secret and appears in no answer or message.
nlohmann::json notify_request(const nlohmann::json& request);

// {} → {version}.
nlohmann::json version_request(const nlohmann::json& request);

}  // namespace bellwether
