// The JSON request API (requests.hpp): answers equal the core's for the same data given inline
// or as a file, and bad requests fail with the operation, the field and the right kind.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

#include "bellwether/decision.hpp"
#include "bellwether/error.hpp"
#include "bellwether/json.hpp"
#include "bellwether/notify.hpp"
#include "bellwether/operations.hpp"
#include "bellwether/requests.hpp"
#include "prometheus_process.hpp"
#include "temp_dir.hpp"

namespace bellwether {
namespace {
using nlohmann::json;
using testing_support::TempDir;

const std::string kExamples = BELLWETHER_EXAMPLES_DIR;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

// The error a request gives: kind and message, or a test failure when it does not throw.
std::pair<ErrorKind, std::string> error_of(json (*operation)(const json&), const json& request) {
  try {
    operation(request);
  } catch (const Error& e) {
    return {e.kind(), e.what()};
  }
  ADD_FAILURE() << "no error for " << request.dump();
  return {ErrorKind::internal, ""};
}

TEST(Requests, CompareInlineEqualsFilesAndTheCore) {
  TempDir dir;
  write(dir.path() / "b.txt", "1\n2\n3\n4\n5\n");
  write(dir.path() / "c.txt", "6\n7\nNaN\n8\n9\n10\n");
  const json inline_answer =
      compare_request({{"baseline", {1, 2, 3, 4, 5}}, {"candidate", {6, 7, "NaN", 8, 9, 10}}, {"alternative", "greater"}});
  const json file_answer = compare_request({{"baseline_path", (dir.path() / "b.txt").string()},
                                            {"candidate_path", (dir.path() / "c.txt").string()},
                                            {"alternative", "greater"}});
  EXPECT_EQ(inline_answer, file_answer);
  CompareSettings settings;
  settings.test.alternative = stats::Alternative::greater;
  const std::vector<double> baseline{1, 2, 3, 4, 5}, candidate{6, 7, std::nan(""), 8, 9, 10};
  EXPECT_EQ(inline_answer, compare_samples(baseline, candidate, settings));
  EXPECT_EQ(inline_answer["dropped_non_finite"]["candidate"], 1);
  EXPECT_EQ(inline_answer["ci"][1], nullptr);  // one-sided: the infinite bound is null
}

TEST(Requests, DecideInlineEqualsFilesAndTheCore) {
  const json changes = json::parse(slurp(kExamples + "/changes.json"));
  const json request = {{"changes", changes}, {"policy", slurp(kExamples + "/policy.yaml")}, {"at", "2026-11-23T10:00:00Z"}};
  const json answer = decide_request(request);
  const json from_files = decide_request({{"changes_path", kExamples + "/changes.json"},
                                          {"policy_path", kExamples + "/policy.yaml"},
                                          {"at", 1795428000}});
  EXPECT_EQ(answer, from_files);
  const auto decision = risk::decide(risk::load_change(kExamples + "/changes.json"),
                                     risk::load_policy(kExamples + "/policy.yaml"), nullptr, 1795428000);
  EXPECT_EQ(answer, risk::to_json(decision, nullptr));
}

TEST(Requests, AChangedPolicyFileIsReadAgain) {
  TempDir dir;
  const auto policy = dir.path() / "policy.yaml";
  const json request = {{"changes", {{"la", 400}, {"nf", 6}}}, {"policy_path", policy.string()}, {"at", 1795428000}};
  write(policy, "approval_threshold: 99\n");
  EXPECT_EQ(decide_request(request)["approval_required"], false);
  write(policy, "approval_threshold: 1\n# the threshold is now 1\n");
  EXPECT_EQ(decide_request(request)["approval_required"], true);
  std::filesystem::remove(policy);
  EXPECT_EQ(error_of(decide_request, request).first, ErrorKind::config);
}

TEST(Requests, PolicyAsAnObjectReadsLikeItsYaml) {
  const json policy = {{"approval_threshold", 10},
                       {"strategies", json::array({{{"below", 101}, {"strategy", "bluegreen"}, {"steps", {100}}, {"soak", "10m"}}})}};
  const json answer = decide_request({{"changes", {{"la", 40}, {"nf", 2}}}, {"policy", policy}, {"at", 1795428000}});
  EXPECT_EQ(answer["strategy"], "bluegreen");
  EXPECT_EQ(answer["pace"]["soak"], "10m");
}

TEST(Requests, BadPolicyObjectNamesTheFieldWithoutPositionsOfTheDump) {
  const auto [kind, message] =
      error_of(decide_request, {{"changes", {{"la", 1}}}, {"policy", {{"approval_threshold", 170}}}});
  EXPECT_EQ(kind, ErrorKind::config);
  EXPECT_EQ(message, "decide: policy: approval_threshold: must be between 0 and 100");
}

TEST(Requests, BadPolicyYamlTextKeepsItsLineAndColumn) {
  const auto [kind, message] =
      error_of(decide_request, {{"changes", {{"la", 1}}}, {"policy", "schema_version: 1\napproval_threshold: 170\n"}});
  EXPECT_EQ(kind, ErrorKind::config);
  EXPECT_EQ(message, "decide: policy:2:21: approval_threshold: must be between 0 and 100");
}

TEST(Requests, WrongTypesNameTheOperationAndTheField) {
  EXPECT_EQ(error_of(decide_request, {{"changes", json::array()}}).second, "decide: changes: expected an object, got array");
  EXPECT_EQ(error_of(decide_request, {{"changes", {{"la", "many"}}}}).second,
            "decide: changes: la: expected a number, got \"many\"");
  EXPECT_EQ(error_of(decide_request, {{"changes", json::object()}, {"at", true}}).second,
            "decide: at: expected unix seconds or an RFC 3339 string, got boolean");
  EXPECT_EQ(error_of(compare_request, {{"baseline", {1, "x"}}, {"candidate", {1}}}).second,
            "compare: baseline[1]:1:1: value: expected one number per line, got \"x\"");
  EXPECT_EQ(error_of(compare_request, {{"baseline", {1, true}}, {"candidate", {1}}}).second,
            "compare: baseline[1]: expected a number, got boolean");
  EXPECT_EQ(error_of(compare_request, {{"baseline", {1}}, {"candidate", {2}}, {"confidence", 1.5}}).second,
            "compare: confidence: must be strictly between 0 and 1");
  EXPECT_EQ(error_of(version_request, json::array()).second, "version: expected a JSON object, got array");
  const auto [kind, message] = error_of(compare_request, {{"baseline", {1}}});
  EXPECT_EQ(kind, ErrorKind::input);
  EXPECT_EQ(message, "compare: candidate: required (inline, or a file as candidate_path)");
}

TEST(Requests, UnknownAndConflictingFieldsAreRefused) {
  const auto unknown = error_of(decide_request, {{"changes", json::object()}, {"pretty", true}});
  EXPECT_EQ(unknown.first, ErrorKind::input);
  EXPECT_EQ(unknown.second, "decide: pretty: unknown field (this request takes changes, changes_path, policy, policy_path, "
                            "model, model_path, at)");
  EXPECT_EQ(error_of(decide_request, {{"changes", json::object()}, {"changes_path", "c.json"}}).second,
            "decide: changes: give either changes or changes_path, not both");
}

TEST(Requests, MissingFileIsASourceErrorNamingIt) {
  const auto [kind, message] = error_of(decide_request, {{"changes_path", "/nonexistent/changes.json"}});
  EXPECT_EQ(kind, ErrorKind::source);
  EXPECT_EQ(message, "decide: /nonexistent/changes.json: cannot open the file");
}

TEST(Requests, AnalyzeInlineEqualsFiles) {
  const json from_files = analyze_request({{"config_path", kExamples + "/slo.yaml"}, {"metrics_path", kExamples + "/metrics-regression.csv"}});
  const json inline_answer =
      analyze_request({{"config", slurp(kExamples + "/slo.yaml")}, {"metrics", slurp(kExamples + "/metrics-regression.csv")}});
  EXPECT_EQ(from_files["action"], "rollback");
  EXPECT_EQ(inline_answer, from_files);
}

TEST(Requests, AnalyzeWithAMissingMetricsFileIsASlowVerdictNotAnError) {
  const json verdict = analyze_request({{"config_path", kExamples + "/slo.yaml"}, {"metrics_path", "/nonexistent/m.csv"}});
  EXPECT_EQ(verdict["action"], "slow");
  EXPECT_NE(verdict["reason"].get<std::string>().find("cannot open the file"), std::string::npos);
}

TEST(Requests, AnalyzeRefusesVariantAsAVar) {
  EXPECT_EQ(error_of(analyze_request, {{"config_path", kExamples + "/slo.yaml"}, {"var", {{"variant", "x"}}}}).second,
            "analyze: var.variant: {{variant}} comes from the config's variants");
}

TEST(Requests, ReportIsTheHtmlOfTheVerdict) {
  const json verdict = analyze_request({{"config_path", kExamples + "/slo.yaml"}, {"metrics_path", kExamples + "/metrics.csv"}});
  const json answer = report_request({{"verdict", verdict}});
  EXPECT_EQ(answer.size(), 1u);
  EXPECT_NE(answer["html"].get<std::string>().find("<svg"), std::string::npos);
  EXPECT_EQ(error_of(report_request, {{"verdict", {{"action", 3}}}}).first, ErrorKind::input);
}

TEST(Requests, IntentTurnKeepsTheConversationInMemoryAcrossCalls) {
  TempDir dir;
  const json base = {{"registry_path", kExamples + "/jobs.yaml"}, {"user", "ana"}, {"channel", "ops"},
                     {"session", "requests-test"}, {"dry_run", true}, {"audit", (dir.path() / "audit.jsonl").string()}};
  json first = base;
  first["text"] = "create a postgres database orders";
  const json asked = intent_turn_request(first);
  EXPECT_EQ(asked["intent"], "create_database");
  EXPECT_EQ(asked["state"], "collecting");
  EXPECT_EQ(asked["missing"], json::array({"environment"}));
  json second = base;
  second["text"] = "staging";
  const json confirm = intent_turn_request(second);
  EXPECT_EQ(confirm["state"], "confirm");
  EXPECT_EQ(confirm["params"]["environment"], "staging");
  json other_user = second;
  other_user["user"] = "bo";
  EXPECT_NE(intent_turn_request(other_user)["state"], "confirm");  // another user's session is another conversation
}

TEST(Requests, IntentTurnNeedsAUserAndText) {
  EXPECT_EQ(error_of(intent_turn_request, {{"registry_path", kExamples + "/jobs.yaml"}, {"text", "hi"}}).second,
            "intent_turn: user: required");
  const auto bad_registry = error_of(intent_turn_request, {{"registry", {{"x y", 1}}}, {"user", "u"}, {"text", "hi"}});
  EXPECT_EQ(bad_registry.first, ErrorKind::config);
  EXPECT_EQ(bad_registry.second.rfind("intent_turn: registry: x y: ", 0), 0u) << bad_registry.second;
}

TEST(Requests, VersionIsTheLibrarys) { EXPECT_EQ(version_request(json::object()), json({{"version", version()}})); }

// ---- notify ---------------------------------------------------------------------------------

const json kVerdictEvent = {{"action", "promote"}, {"score", 96}, {"reason", "3 healthy windows"}, {"metrics", json::array()}};

TEST(Requests, NotifyDryRunIsTheCorePayload) {
  TempDir dir;
  write(dir.path() / "verdict.json", kVerdictEvent.dump());
  const json request = {{"to", "teams"}, {"event", kVerdictEvent}, {"build_url", "https://ci.example.com/job/a/7/"},
                        {"title", "checkout canary"}, {"dry_run", true}};
  const json answer = notify_request(request);
  EXPECT_EQ(answer, notify::build_payload(notify::Target::teams, kVerdictEvent, {"https://ci.example.com/job/a/7/", ""},
                                          "checkout canary"));
  json from_file = request;
  from_file.erase("event");
  from_file["event_path"] = (dir.path() / "verdict.json").string();
  EXPECT_EQ(notify_request(from_file), answer);
}

TEST(Requests, NotifyThatCannotBeDeliveredIsAnAnswerWithoutTheSecret) {
  // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
  const json answer = notify_request({{"to", "slack"}, {"url", "http://127.0.0.1:9/services/T0/B0/s3cr3t-token"},
                                      {"event", kVerdictEvent}, {"timeout", 2}});
  EXPECT_EQ(answer["delivered"], false);
  EXPECT_EQ(answer["to"], "slack");
  EXPECT_EQ(answer["status"], nullptr);
  EXPECT_EQ(answer["attempts"], 2);
  EXPECT_EQ(answer["event"], "verdict");
  const std::string reason = answer["reason"];
  EXPECT_EQ(reason.rfind("Slack at http://127.0.0.1:9 gave no answer: ", 0), 0u) << reason;
  EXPECT_EQ(answer.dump().find("s3cr3t"), std::string::npos) << answer.dump();
}

TEST(Requests, NotifyRefusesBadRequestsWithoutRepeatingTheUrl) {
  const json event = kVerdictEvent;
  EXPECT_EQ(error_of(notify_request, {{"event", event}, {"url", "https://x"}}).second, "notify: to: required");
  EXPECT_EQ(error_of(notify_request, {{"to", "email"}, {"event", event}, {"url", "https://x"}}).second,
            "notify: to: expected slack|teams|discord|webhook, got \"email\"");
  const auto bad_url = error_of(notify_request, {{"to", "slack"}, {"event", event}, {"url", "ftp://hooks/s3cr3t"}});
  EXPECT_EQ(bad_url, std::make_pair(ErrorKind::input, std::string("notify: url: expected an http:// or https:// URL")));
  EXPECT_EQ(error_of(notify_request, {{"to", "slack"}, {"event", event}}).second,
            "notify: url: required (or url_env naming a variable that holds it, or dry_run)");
  EXPECT_EQ(error_of(notify_request, {{"to", "slack"}, {"event", event}, {"url", "https://a"}, {"url_env", "X"}}).second,
            "notify: url: give either url or url_env, not both");
  EXPECT_EQ(error_of(notify_request, {{"to", "slack"}, {"event", event}, {"url", "https://a"}, {"timeout", 0}}).second,
            "notify: timeout: must be a positive number of seconds");
  EXPECT_EQ(error_of(notify_request, {{"to", "slack"}, {"event", event}, {"dry_run", true}, {"report_url", "javascript:x"}})
                .second,
            "notify: report_url: expected an http:// or https:// URL");
}

TEST(Requests, NotifyNamesTheEventFieldThatIsWrong) {
  const json confirm = {{"intent", "deploy_service"}, {"state", "confirm"}, {"job", "delivery/deploy"}};
  EXPECT_EQ(error_of(notify_request, {{"to", "slack"}, {"event", confirm}, {"dry_run", true}}).second,
            "notify: event.state: an Intent answer is worth a notification once triggered, this one is \"confirm\"");
  const auto not_an_event = error_of(notify_request, {{"to", "slack"}, {"event", {{"hello", 1}}}, {"dry_run", true}});
  EXPECT_EQ(not_an_event.first, ErrorKind::input);
  EXPECT_EQ(not_an_event.second.rfind("notify: event: expected a Decision", 0), 0u) << not_an_event.second;
  EXPECT_EQ(error_of(notify_request, {{"to", "slack"}, {"dry_run", true}}).second,
            "notify: event: required (inline, or a file as event_path)");
}

TEST(Requests, NotifyUrlFromAnUnsetVariableIsAConfigError) {
  ::unsetenv("BELLWETHER_TEST_NO_SUCH_WEBHOOK");
  const auto [kind, message] =
      error_of(notify_request, {{"to", "discord"}, {"event", kVerdictEvent}, {"url_env", "BELLWETHER_TEST_NO_SUCH_WEBHOOK"}});
  EXPECT_EQ(kind, ErrorKind::config);
  EXPECT_EQ(message, "notify: url_env: the environment variable BELLWETHER_TEST_NO_SUCH_WEBHOOK is not set or empty");
}

// ---- analyze with the caller's Prometheus connection ----------------------------------------

// Bad prometheus fields fail before any query; secrets are never part of the message.
TEST(Requests, AnalyzePrometheusFieldIsCheckedWithoutRepeatingSecrets) {
  const json base = {{"config_path", kExamples + "/slo-prometheus.yaml"}};
  const auto message_for = [&](const json& prometheus) {
    json request = base;
    request["prometheus"] = prometheus;
    const auto [kind, message] = error_of(analyze_request, request);
    EXPECT_EQ(kind, ErrorKind::input) << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
    return message;
  };
  EXPECT_EQ(message_for("http://p:9090"), "analyze: prometheus: expected an object {url, token, username, password, headers}, "
                                          "got string");
  EXPECT_EQ(message_for({{"url", "http://p:9090"}, {"step", "15s"}}),
            "analyze: prometheus.step: unknown field (prometheus takes url, token, username, password, headers)");
  EXPECT_EQ(message_for({{"url", "tcp://u:hunter2@p:9090"}}), "analyze: prometheus.url: expected an http:// or https:// URL");
  EXPECT_EQ(message_for({{"token", "hunter2"}, {"username", "bw"}, {"password", "hunter2"}}),
            "analyze: prometheus.token: give token, or username and password, not both");
  EXPECT_EQ(message_for({{"password", "hunter2"}}), "analyze: prometheus.username: required with password");
  EXPECT_EQ(message_for({{"username", "bw"}}), "analyze: prometheus.password: required with username");
  EXPECT_EQ(message_for({{"token", 42}}), "analyze: prometheus.token: expected a string, got number");
  EXPECT_EQ(message_for({{"token", "hunter2\r\nX-Injected: 1"}}), "analyze: prometheus.token: must not contain control characters");
  EXPECT_EQ(message_for({{"headers", {{"X-Scope-OrgID", "team\nhunter2"}}}}),
            "analyze: prometheus.headers.X-Scope-OrgID: must not contain control characters");
  EXPECT_EQ(message_for({{"headers", {{"Bad Name", "x"}}}}), "analyze: prometheus.headers.Bad Name: not a valid HTTP header name");
  EXPECT_EQ(message_for({{"headers", {{"authorization", "Bearer hunter2"}}}}),
            "analyze: prometheus.headers.authorization: give the credentials as token, or username and password");
  EXPECT_EQ(message_for({{"headers", {"X-Scope-OrgID", "team"}}}),
            "analyze: prometheus.headers: expected an object {name: value}, got array");
}

TEST(Requests, AnalyzePrometheusNeedsAUrlWithoutASourceAndNoMetrics) {
  const std::string without_source = "metrics:\n  - {name: latency, query: 'latency{version=\"{{variant}}\"}'}\n";
  EXPECT_EQ(error_of(analyze_request, {{"config", without_source}, {"prometheus", {{"token", "t"}}}}).second,
            "analyze: prometheus.url: required: the config has no source.prometheus");
  EXPECT_EQ(error_of(analyze_request, {{"config_path", kExamples + "/slo.yaml"},
                                       {"metrics_path", kExamples + "/metrics.csv"},
                                       {"prometheus", {{"url", "http://p:9090"}}}})
                .second,
            "analyze: prometheus: the samples come from metrics: give metrics or prometheus, not both");
}

// A real Prometheus behind basic auth, holding 30 minutes of one metric for a baseline and a
// canary that behave alike, ending an hour ago.
class RequestsWithPrometheus : public ::testing::Test {
 protected:
  static constexpr const char* kPassword = "canary-test-pass";  // bcrypt below; test-only

  static void SetUpTestSuite() {
    dir_ = new TempDir("bellwether-requests-prometheus");
    until_ = (static_cast<long>(std::time(nullptr)) / 60) * 60 - 3600;
    since_ = until_ - 1800;
    std::string om = "# HELP req_latency_seconds latency\n# TYPE req_latency_seconds gauge\n";
    for (long t = since_; t <= until_; t += 15) {
      for (const char* version : {"stable", "canary"}) {
        const double value = 0.2 + 0.001 * static_cast<double>((t / 15 * 7 + (version[0] == 'c' ? 3 : 0)) % 11);
        om += "req_latency_seconds{version=\"" + std::string(version) + "\"} " + std::to_string(value) + " " +
              std::to_string(t) + "\n";
      }
    }
    om += "# EOF\n";
    write(dir_->path() / "latency.om", om);
    write(dir_->path() / "web.yml", "basic_auth_users:\n  bw: $2b$04$7axX/6aXp55qtVw4//hgsu4Y7aylzTCW8JbhJPU2UIktTC3HSjPQ.\n");
    prometheus_ = new PrometheusProcess(dir_->path() / "latency.om", dir_->path() / "web.yml");
  }

  static void TearDownTestSuite() {
    delete prometheus_;
    delete dir_;
  }

  // slo.yaml with `source` (or none) as its source block.
  static std::string slo(const std::string& source) {
    return "analysis: {window: 5m, windows: 6, promote_after: 3, rollback_after: 2, min_samples: 10}\n" + source +
           "variants: {baseline: stable, candidate: canary}\n"
           "metrics:\n  - {name: latency, query: 'req_latency_seconds{version=\"{{variant}}\"}', tolerance: 0.10}\n";
  }

  static json analyze(const std::string& config, const json& prometheus) {
    return analyze_request({{"config", config}, {"since", since_}, {"until", until_}, {"prometheus", prometheus}});
  }

  static inline TempDir* dir_ = nullptr;
  static inline PrometheusProcess* prometheus_ = nullptr;
  static inline long since_ = 0, until_ = 0;
};

TEST_F(RequestsWithPrometheus, UrlAndBasicAuthFromTheRequestReachPrometheus) {
  const json verdict = analyze(slo(""), {{"url", prometheus_->url()}, {"username", "bw"}, {"password", kPassword},
                                         {"headers", {{"X-Scope-OrgID", "team-checkout"}}}});
  EXPECT_EQ(verdict["action"], "promote") << verdict["reason"];
  EXPECT_EQ(verdict["windows"][0]["metrics"][0]["candidate"]["n"], 20);  // real samples, 15 s apart
  EXPECT_EQ(verdict.dump().find(kPassword), std::string::npos);
}

TEST_F(RequestsWithPrometheus, TheRequestOverridesTheConfigsConnection) {
  // The config points at a port where nothing listens and names an unset variable for its
  // credentials: both are replaced, so neither is used.
  ::unsetenv("BELLWETHER_TEST_UNSET_AUTH");
  const std::string config =
      slo("source: {prometheus: {url: 'http://127.0.0.1:9', step: 15s, basic_auth_env: BELLWETHER_TEST_UNSET_AUTH}}\n");
  const json verdict = analyze(config, {{"url", prometheus_->url()}, {"username", "bw"}, {"password", kPassword}});
  EXPECT_EQ(verdict["action"], "promote") << verdict["reason"];
}

TEST_F(RequestsWithPrometheus, WrongCredentialsAreASourceFaultThatNamesNoSecret) {
  const json wrong_password = analyze(slo(""), {{"url", prometheus_->url()}, {"username", "bw"}, {"password", "hunter2"}});
  EXPECT_EQ(wrong_password["action"], "slow");
  const std::string reason = wrong_password["reason"];
  EXPECT_NE(reason.find("HTTP 401"), std::string::npos) << reason;
  EXPECT_EQ(wrong_password.dump().find("hunter2"), std::string::npos);
  // A bearer token replaces the basic auth of the config, which this Prometheus then refuses.
  ::setenv("BELLWETHER_TEST_PROM_AUTH", (std::string("bw:") + kPassword).c_str(), 1);
  const std::string config = slo("source: {prometheus: {url: '" + prometheus_->url() +
                                 "', step: 15s, basic_auth_env: BELLWETHER_TEST_PROM_AUTH}}\n");
  EXPECT_EQ(analyze(config, json::object())["action"], "promote");  // the config's own credentials work
  const json with_token = analyze(config, {{"token", "hunter2"}});
  EXPECT_EQ(with_token["action"], "slow");
  EXPECT_NE(with_token["reason"].get<std::string>().find("HTTP 401"), std::string::npos) << with_token["reason"];
  EXPECT_EQ(with_token.dump().find("hunter2"), std::string::npos);
  ::unsetenv("BELLWETHER_TEST_PROM_AUTH");
}

}  // namespace
}  // namespace bellwether
