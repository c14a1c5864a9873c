// The JSON request API (requests.hpp): answers equal the core's for the same data given inline
// or as a file, and bad requests fail with the operation, the field and the right kind.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "bellwether/decision.hpp"
#include "bellwether/error.hpp"
#include "bellwether/json.hpp"
#include "bellwether/operations.hpp"
#include "bellwether/requests.hpp"
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

}  // namespace
}  // namespace bellwether
