// The conversation's state machine, turn by turn, with the trigger recorded instead of sent.
#include <gtest/gtest.h>

#include "bellwether/dialogue.hpp"
#include "bellwether/error.hpp"

using namespace bellwether;
using namespace bellwether::intent;
using nlohmann::json;

namespace {
struct Triggered {
  std::string intent;
  JobParameters params;
  bool dry_run;
};

class DialogueTest : public ::testing::Test {
 protected:
  JobRegistry registry = load_registry({std::string(BELLWETHER_EXAMPLES_DIR) + "/jobs.yaml"});
  Matcher matcher{registry};
  std::vector<Triggered> triggered;
  std::vector<json> audit;
  bool jenkins_down = false;
  Dialogue dialogue{matcher,
                    [this](const Intent& i, const JobParameters& p, bool dry) {
                      if (jenkins_down) fail(ErrorKind::http, "POST https://ci/job/x failed: HTTP 503");
                      triggered.push_back({i.name, p, dry});
                      return json{{"queue_url", "https://ci/queue/item/7/"}};
                    },
                    [this](const json& record) { audit.push_back(record); }};
  std::optional<json> session;
  TurnContext context{"alice", "platform-ops", false};

  json say(const std::string& text) { return dialogue.turn(session, text, context); }
};
}  // namespace

TEST_F(DialogueTest, CollectsEachMissingParameterThenConfirmsThenTriggers) {
  auto a = say("create a namespace");
  EXPECT_EQ(a["intent"], "create_namespace");
  EXPECT_EQ(a["state"], "collecting");
  EXPECT_EQ(a["missing"], json({"namespace", "cluster", "resource_group"}));
  EXPECT_NE(a["reply"].get<std::string>().find("Namespace name"), std::string::npos);  // its description
  a = say("payments");
  EXPECT_EQ(a["params"], json({{"namespace", "payments"}}));
  EXPECT_NE(a["reply"].get<std::string>().find("AKS cluster"), std::string::npos);
  a = say("aks-prod-01");
  a = say("rg-prod");
  EXPECT_EQ(a["state"], "confirm");
  EXPECT_EQ(a["reply"], "Run platform/k8s/create-namespace (create_namespace) with namespace=payments, cluster=aks-prod-01, "
                        "resource_group=rg-prod? Say yes to run it, or no to cancel.");
  EXPECT_TRUE(triggered.empty());  // nothing without a yes
  a = say("yes");
  EXPECT_EQ(a["state"], "triggered");
  EXPECT_EQ(a["queue_url"], "https://ci/queue/item/7/");
  ASSERT_EQ(triggered.size(), 1u);
  EXPECT_EQ(triggered[0].params, (JobParameters{{"namespace", "payments"}, {"cluster", "aks-prod-01"}, {"resource_group", "rg-prod"}}));
  EXPECT_FALSE(session.has_value());  // the conversation ended
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0]["result"], "triggered");
  EXPECT_EQ(audit[0]["user"], "alice");
}

TEST_F(DialogueTest, InvalidValueIsReaskedWithTheReason) {
  say("create a namespace");
  const auto a = say("Payments_X");
  EXPECT_EQ(a["state"], "collecting");
  EXPECT_EQ(a["params"], json::object());
  ASSERT_TRUE(a.contains("rejected"));
  EXPECT_EQ(a["rejected"][0]["parameter"], "namespace");
  EXPECT_NE(a["reply"].get<std::string>().find("does not match"), std::string::npos);
  EXPECT_EQ(say("payments")["params"]["namespace"], "payments");
}

TEST_F(DialogueTest, CorrectionsAtConfirmationAndDefaultsInTheSummary) {
  auto a = say("scale checkout to 5 replicas");
  EXPECT_EQ(a["state"], "confirm");
  EXPECT_NE(a["reply"].get<std::string>().find("environment=prod (default)"), std::string::npos);
  EXPECT_EQ(a["params"], json({{"service", "checkout"}, {"replicas", "5"}}));  // the default is not "stated"
  a = say("actually make it 3 replicas");
  EXPECT_EQ(a["state"], "confirm");
  EXPECT_EQ(a["params"]["replicas"], "3");
  a = say("no, in staging");
  EXPECT_EQ(a["state"], "confirm");
  EXPECT_EQ(a["params"]["environment"], "staging");
  say("yes");
  ASSERT_EQ(triggered.size(), 1u);
  EXPECT_EQ(triggered[0].params, (JobParameters{{"service", "checkout"}, {"replicas", "3"}, {"environment", "staging"}}));
}

TEST_F(DialogueTest, CancelAtAnyPointAndNoOnConfirm) {
  say("deploy checkout");
  auto a = say("never mind");
  EXPECT_EQ(a["state"], "cancelled");
  EXPECT_FALSE(session.has_value());
  say("roll back checkout in prod");
  a = say("no");
  EXPECT_EQ(a["state"], "cancelled");
  EXPECT_TRUE(triggered.empty());
  EXPECT_EQ(say("cancel")["reply"], "There is nothing to cancel.");
}

TEST_F(DialogueTest, HelpListsEveryIntentWithItsDocumentation) {
  const auto reply = say("what can you do")["reply"].get<std::string>();
  for (const auto& i : registry.intents) {
    EXPECT_NE(reply.find(i.name), std::string::npos) << i.name;
    if (!i.documentation.empty()) {
      EXPECT_NE(reply.find(i.documentation), std::string::npos);
    }
  }
}

TEST_F(DialogueTest, UnknownRequestsGetClosestIntentsAndNoSession) {
  const auto a = say("create a jira ticket");
  EXPECT_TRUE(a["intent"].is_null());
  EXPECT_NE(a["reply"].get<std::string>().find("Closest"), std::string::npos);
  EXPECT_FALSE(session.has_value());
}

TEST_F(DialogueTest, ANewRequestReplacesAnOpenOne) {
  say("create a namespace");
  const auto a = say("roll back checkout in prod");
  EXPECT_EQ(a["intent"], "rollback_service");
  EXPECT_EQ(a["state"], "confirm");
}

TEST_F(DialogueTest, ChannelAndUserRulesRefuseAndAudit) {
  context.channel = "random";
  auto a = say("delete namespace payments on aks-dev-01");
  EXPECT_EQ(a["state"], "cancelled");
  EXPECT_NE(a["reply"].get<std::string>().find("platform-ops"), std::string::npos);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0]["result"], "refused");
  context.channel = "platform-ops";
  a = say("delete namespace payments on aks-dev-01");
  EXPECT_EQ(a["state"], "confirm");
}

TEST_F(DialogueTest, DryRunReachesTriggeredWithoutSending) {
  context.dry_run = true;
  say("roll back checkout in prod");
  const auto a = say("yes");
  EXPECT_EQ(a["state"], "triggered");
  ASSERT_EQ(triggered.size(), 1u);
  EXPECT_TRUE(triggered[0].dry_run);
  EXPECT_EQ(a["dry_run"], true);
  EXPECT_EQ(a["intent_dry_run"], false);  // the registry does not ask for it; this turn did
  EXPECT_EQ(audit.back()["result"], "dry_run");
}

TEST_F(DialogueTest, JenkinsFailureKeepsTheConfirmationOpen) {
  say("roll back checkout in prod");
  jenkins_down = true;
  auto a = say("yes");
  EXPECT_EQ(a["state"], "confirm");
  EXPECT_TRUE(a.contains("error"));
  EXPECT_EQ(audit.back()["result"], "failed");
  jenkins_down = false;
  a = say("yes");
  EXPECT_EQ(a["state"], "triggered");
}

TEST_F(DialogueTest, SecretsAreMaskedInTheAudit) {
  registry = load_registry({std::string(BELLWETHER_EXAMPLES_DIR) + "/jobs.yaml"});
  Intent rotate;
  rotate.name = "rotate_key";
  rotate.description = "Rotate the API key of a service";
  rotate.jenkins_job = "sec/rotate";
  rotate.confirm = false;
  Parameter token;
  token.name = "api_token";
  token.required = true;
  rotate.parameters.push_back(token);
  JobRegistry custom;
  custom.intents.push_back(rotate);
  const Matcher m(custom);
  const Dialogue d(m, [](const Intent&, const JobParameters&, bool) { return json::object(); },
                   [this](const json& r) { audit.push_back(r); });
  std::optional<json> s;
  const auto a = d.turn(s, "rotate key api_token=hunter2", context);
  EXPECT_EQ(a["state"], "triggered");  // confirm: false needs no yes
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0]["params"]["api_token"], "****");
  EXPECT_EQ(audit[0].dump().find("hunter2"), std::string::npos);
}

TEST_F(DialogueTest, OversizedAndEmptyMessages) {
  const auto a = say(std::string(10 * 1024 * 1024, 'x'));
  EXPECT_NE(a["reply"].get<std::string>().find("too long"), std::string::npos);
  EXPECT_FALSE(session.has_value());
  const auto b = say("   \t ");
  EXPECT_NE(b["reply"].get<std::string>().find("help"), std::string::npos);
}

TEST_F(DialogueTest, AConfirmationWordIsNotAValue) {
  say("create a namespace");
  const auto a = say("yes");
  EXPECT_EQ(a["state"], "collecting");
  EXPECT_EQ(a["params"], json::object());
  EXPECT_NE(a["reply"].get<std::string>().find("Which namespace?"), std::string::npos);
}

TEST_F(DialogueTest, ABareAnswerWithShellSyntaxIsRefusedWhole) {
  for (const std::string value : {"$(whoami)", "; rm -rf /", "a\nb", "x | sh", "`id` && id"}) {
    session.reset();
    say("deploy a service");
    const auto a = say(value);
    EXPECT_EQ(a["state"], "collecting") << value;
    EXPECT_EQ(a["params"], json::object()) << value;
    ASSERT_TRUE(a.contains("rejected")) << value;
    EXPECT_EQ(a["rejected"][0]["value"], value);
  }
  session.reset();
  say("deploy a service");
  // One pair of wrapping backticks is chat code formatting, not shell syntax: the value is "checkout".
  EXPECT_EQ(say("`checkout`")["params"]["service"], "checkout");
}
