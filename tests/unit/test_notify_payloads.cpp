// Chat payloads: the exact JSON each service receives for each kind of event, the services'
// limits, escaping of event values, colours per outcome, and the event shapes refused.
#include <gtest/gtest.h>

#include <string>

#include "bellwether/error.hpp"
#include "bellwether/notify.hpp"

using namespace bellwether;
using namespace bellwether::notify;
using nlohmann::json;

namespace {

const json kVerdict = json::parse(R"json({
  "action": "rollback", "score": 0.25, "reason": "rollback: critical metric error_rate failed in window 3",
  "deciding_window": 2, "windows": [{}, {}, {}],
  "metrics": [
    {"name": "p95_latency", "classification": "pass", "critical": false, "p_value": 0.41, "estimate": 0.002,
     "ci": [-0.001, 0.004], "confidence": 0.95, "baseline": {"median": 0.21}, "candidate": {"median": 0.212},
     "slo": null, "reason": "p95_latency pass"},
    {"name": "error_rate", "classification": "high", "critical": true, "p_value": 0.0031, "estimate": 0.012,
     "ci": [0.004, null], "confidence": 0.9, "baseline": {"median": 0.001}, "candidate": {"median": 0.013},
     "slo": {"bound": 0.01, "aggregate": "mean", "value": 0.0142, "breached": true}, "reason": "error_rate high"}
  ]})json");

const json kDecision = json::parse(R"json({
  "risk_score": 82.5, "strategy": "canary", "pace": {"steps": [1, 5, 20, 100], "pause": "10m"},
  "approval_required": true, "allowed": false,
  "gates": [{"name": "freeze", "allowed": false, "reason": "year-end freeze"},
            {"name": "max_risk", "allowed": true, "reason": "risk 82.5 <= maximum 90"}],
  "reasons": [{"factor": "churn", "value": 900, "contribution": 30.5},
              {"factor": "files", "value": 12, "contribution": 12},
              {"factor": "coverage_drop", "value": 0, "contribution": 0},
              {"factor": "criticality", "value": 3, "contribution": 20}],
  "model": {"kind": "heuristic"}, "at": 1798200000})json");

const json kTriggered = json::parse(R"json({
  "intent": "deploy_service", "confidence": 0.92, "params": {"service": "checkout", "env": "prod", "canary": true},
  "missing": [], "state": "triggered", "job": "deploy/checkout", "candidates": [],
  "reply": "Triggered deploy/checkout. Queued as https://ci.example.com/queue/item/17/.",
  "queue_url": "https://ci.example.com/queue/item/17/",
  "build": {"number": 88, "url": "https://ci.example.com/job/deploy/job/checkout/88/", "result": "SUCCESS"}})json");

const json kBuild = json::parse(R"json({"build": {"job": "checkout-release", "number": 412,
  "url": "https://ci.example.com/job/checkout-release/412/", "result": "UNSTABLE"}})json");

const Links kPipelineLinks{"https://ci.example.com/job/pipe/7/", "https://ci.example.com/job/pipe/7/artifact/report.html"};

std::size_t chars(const std::string& utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string ends(const std::string& text, std::size_t n) { return text.size() < n ? text : text.substr(text.size() - n); }

const std::string kEllipsis = "\xE2\x80\xA6";

// The input error's field (or "" when it has none), or "no error".
std::string error_field(const json& event) {
  try {
    build_payload(Target::webhook, event, {});
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    return e.where().field.empty() ? e.detail() : e.where().field + ": " + e.detail();
  }
  return "no error";
}

}  // namespace

TEST(NotifyPayload, SlackVerdictIsBlockKitWithEmojiFieldsAndLinkButtons) {
  const json expected = json::parse(R"json({
    "text": "🛑 Canary verdict: rollback — Critical metric error_rate failed in window 3",
    "blocks": [
      {"type": "header", "text": {"type": "plain_text", "text": "🛑 Canary verdict: rollback", "emoji": true}},
      {"type": "section",
       "text": {"type": "mrkdwn", "text": "Critical metric error_rate failed in window 3", "verbatim": true},
       "fields": [
         {"type": "mrkdwn", "text": "*Score*\n0.25", "verbatim": true},
         {"type": "mrkdwn", "text": "*Deciding metric*\nerror_rate (high, critical)", "verbatim": true},
         {"type": "mrkdwn", "text": "*Baseline median*\n0.001", "verbatim": true},
         {"type": "mrkdwn", "text": "*Candidate median*\n0.013", "verbatim": true},
         {"type": "mrkdwn", "text": "*p-value*\n0.0031", "verbatim": true},
         {"type": "mrkdwn", "text": "*Shift estimate*\n+0.012, 90% CI [+0.004, unbounded]", "verbatim": true},
         {"type": "mrkdwn", "text": "*SLO*\nmean 0.0142 against bound 0.01: breached", "verbatim": true},
         {"type": "mrkdwn", "text": "*Metrics*\n1 pass, 1 high", "verbatim": true},
         {"type": "mrkdwn", "text": "*Deciding window*\n3 of 3", "verbatim": true}]},
      {"type": "context", "elements": [{"type": "mrkdwn", "text": "Bellwether · Canary verdict", "verbatim": true}]},
      {"type": "actions", "elements": [
        {"type": "button", "text": {"type": "plain_text", "text": "Build", "emoji": true},
         "url": "https://ci.example.com/job/pipe/7/"},
        {"type": "button", "text": {"type": "plain_text", "text": "Report", "emoji": true},
         "url": "https://ci.example.com/job/pipe/7/artifact/report.html"}]}
    ]})json");
  EXPECT_EQ(build_payload(Target::slack, kVerdict, kPipelineLinks).dump(2), expected.dump(2));
}

TEST(NotifyPayload, TeamsDecisionBlockedByAGateIsAnAttentionCardWithFacts) {
  const json expected = json::parse(R"json({
    "type": "message",
    "attachments": [{
      "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": null,
      "content": {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
        "body": [
          {"type": "TextBlock", "text": "Deploy decision: canary, risk 82.5", "size": "Large", "weight": "Bolder",
           "color": "Attention", "wrap": true},
          {"type": "TextBlock", "text": "Risk 82.5/100: not now, blocked by freeze: year-end freeze.", "wrap": true},
          {"type": "FactSet", "facts": [
            {"title": "Risk score", "value": "82.5 / 100"},
            {"title": "Strategy", "value": "canary"},
            {"title": "Pace", "value": "1% → 5% → 20% → 100%, 10m pauses"},
            {"title": "Approval", "value": "required"},
            {"title": "Blocked by", "value": "freeze: year-end freeze"},
            {"title": "Gates", "value": "1 of 2 allow"},
            {"title": "Top factors", "value": "churn +30.5, criticality +20, files +12"},
            {"title": "Model", "value": "heuristic"}]}],
        "actions": [{"type": "Action.OpenUrl", "title": "Report", "url": "https://ci.example.com/r.html"}]}}]})json");
  EXPECT_EQ(build_payload(Target::teams, kDecision, {"", "https://ci.example.com/r.html"}).dump(2), expected.dump(2));
}

TEST(NotifyPayload, DiscordTriggeredJobIsOneEmbedWithMentionsOff) {
  const json expected = json::parse(R"json({
    "content": "✅ Triggered deploy/checkout #88",
    "embeds": [{
      "title": "Triggered deploy/checkout #88",
      "description": "Triggered deploy/checkout. Queued as https://ci.example.com/queue/item/17/.",
      "url": "https://ci.example.com/job/deploy/job/checkout/88/",
      "color": 2066493,
      "fields": [
        {"name": "Intent", "value": "deploy\\_service", "inline": true},
        {"name": "Job", "value": "deploy/checkout", "inline": true},
        {"name": "Parameters", "value": "canary=true, env=prod, service=checkout", "inline": true},
        {"name": "Queue item", "value": "https://ci.example.com/queue/item/17/", "inline": true},
        {"name": "Build", "value": "#88", "inline": true},
        {"name": "Result", "value": "SUCCESS", "inline": true},
        {"name": "Links", "value": "[Build #88](https://ci.example.com/job/deploy/job/checkout/88/)", "inline": false}]}],
    "allowed_mentions": {"parse": []}})json");
  EXPECT_EQ(build_payload(Target::discord, kTriggered, {}).dump(2), expected.dump(2));
}

TEST(NotifyPayload, WebhookBuildStatusCarriesModelAndOriginalEvent) {
  const json expected = {
      {"source", "bellwether"},
      {"kind", "build"},
      {"title", "checkout-release #412: UNSTABLE"},
      {"summary", "Build #412 of checkout-release finished: UNSTABLE."},
      {"outcome", "warning"},
      {"facts", {{"job", "checkout-release"}, {"build", "#412"}, {"result", "UNSTABLE"}}},
      {"links", {{"report", "https://ci.example.com/r.html"}, {"job_build", "https://ci.example.com/job/checkout-release/412/"}}},
      {"event", kBuild}};
  EXPECT_EQ(build_payload(Target::webhook, kBuild, {"", "https://ci.example.com/r.html"}).dump(2), expected.dump(2));
}

TEST(NotifyPayload, DecisionTimestampReachesDiscordAndSlackContext) {
  const auto discord = build_payload(Target::discord, kDecision, {});
  EXPECT_EQ(discord["embeds"][0]["timestamp"], "2026-12-25T12:00:00Z");
  const auto slack = build_payload(Target::slack, kDecision, {});
  EXPECT_EQ(slack["blocks"][2]["elements"][0]["text"], "Bellwether · Deploy decision · 2026-12-25T12:00:00Z");
}

TEST(NotifyPayload, ColoursFollowTheOutcome) {
  struct Case {
    json event;
    const char* outcome;
    const char* teams;
    int discord;
    const char* emoji;
  };
  json promote = kVerdict, slow = kVerdict, approval = kDecision, go = kDecision, failure = kBuild, aborted = kBuild,
       running = kBuild;
  promote["action"] = "promote";
  slow["action"] = "slow";
  approval["gates"][0]["allowed"] = true;
  go = approval;
  go["approval_required"] = false;
  failure["build"]["result"] = "FAILURE";
  aborted["build"]["result"] = "ABORTED";
  running["build"]["result"] = nullptr;
  const Case cases[] = {
      {promote, "success", "Good", 0x1F883D, "✅"},     {slow, "warning", "Warning", 0xBF8700, "⚠️"},
      {kVerdict, "failure", "Attention", 0xCF222E, "🛑"}, {go, "success", "Good", 0x1F883D, "✅"},
      {approval, "warning", "Warning", 0xBF8700, "⚠️"},  {kDecision, "failure", "Attention", 0xCF222E, "🛑"},
      {kBuild, "warning", "Warning", 0xBF8700, "⚠️"},    {failure, "failure", "Attention", 0xCF222E, "🛑"},
      {aborted, "neutral", "Accent", 0x0969DA, "ℹ️"},    {running, "neutral", "Accent", 0x0969DA, "ℹ️"},
      {kTriggered, "success", "Good", 0x1F883D, "✅"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.event.dump());
    EXPECT_EQ(build_payload(Target::webhook, c.event, {})["outcome"], c.outcome);
    EXPECT_EQ(build_payload(Target::teams, c.event, {})["attachments"][0]["content"]["body"][0]["color"], c.teams);
    EXPECT_EQ(build_payload(Target::discord, c.event, {})["embeds"][0]["color"], c.discord);
    const std::string header = build_payload(Target::slack, c.event, {})["blocks"][0]["text"]["text"];
    EXPECT_EQ(header.rfind(std::string(c.emoji) + " ", 0), 0u) << header;
  }
}

TEST(NotifyPayload, RunningBuildAndTriggeredJobWithoutBuildAreNeutral) {
  json running = kBuild;
  running["build"].erase("result");
  const auto webhook = build_payload(Target::webhook, running, {});
  EXPECT_EQ(webhook["title"], "checkout-release #412 is running");
  EXPECT_EQ(webhook["facts"]["result"], "running");
  json queued = kTriggered;
  queued.erase("build");
  queued.erase("reply");
  const auto q = build_payload(Target::webhook, queued, {});
  EXPECT_EQ(q["outcome"], "neutral");
  EXPECT_EQ(q["summary"], "Jenkins job deploy/checkout was triggered with canary=true, env=prod, service=checkout.");
}

TEST(NotifyPayload, SlackEscapesControlCharactersSoValuesCannotLinkOrMention) {
  json event = kVerdict;
  event["reason"] = "<!channel> & <https://evil.example|click here> *now*";
  event["metrics"][1]["name"] = "<@U123>";
  const auto slack = build_payload(Target::slack, event, {});
  EXPECT_EQ(slack["blocks"][1]["text"]["text"], "&lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt; *now*");
  EXPECT_EQ(slack["blocks"][1]["fields"][1]["text"], "*Deciding metric*\n&lt;@U123&gt; (high, critical)");
  EXPECT_EQ(slack["text"], "🛑 Canary verdict: rollback — &lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt; *now*");
  // plain_text is not parsed by Slack: the header shows the title as it is.
  const auto titled = build_payload(Target::slack, event, {}, "Deploy <b> & co");
  EXPECT_EQ(titled["blocks"][0]["text"]["text"], "🛑 Deploy <b> & co");
}

TEST(NotifyPayload, MarkdownIsEscapedForDiscordAndTeams) {
  json event = kVerdict;
  event["reason"] = "[click](https://evil.example) @everyone *bold* _it_ `code` ||spoiler|| \\ <@&1>";
  const std::string escaped =
      "\\[click\\](https://evil.example) @everyone \\*bold\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\\\ \\<@&1\\>";
  const auto discord = build_payload(Target::discord, event, {});
  EXPECT_EQ(discord["embeds"][0]["description"], escaped);
  EXPECT_EQ(discord["allowed_mentions"], json({{"parse", json::array()}}));
  const auto teams = build_payload(Target::teams, event, {});
  EXPECT_EQ(teams["attachments"][0]["content"]["body"][1]["text"], escaped);
  // The generic webhook carries data as data.
  EXPECT_EQ(build_payload(Target::webhook, event, {})["summary"], event["reason"]);
}

TEST(NotifyPayload, NewlinesInTitleAndSummaryBecomeSpaces) {
  json event = kVerdict;
  event["reason"] = "line one\nline two\r\n\tend";
  EXPECT_EQ(build_payload(Target::webhook, event, {}, "a\nb")["summary"], "line one line two   end");
  EXPECT_EQ(build_payload(Target::webhook, event, {}, "a\nb")["title"], "a b");
}

TEST(NotifyPayload, SlackLimitsCutWithEllipsis) {
  json event = kVerdict;
  event["reason"] = std::string(5000, 'r');
  event["metrics"][1]["name"] = std::string(2500, 'm');
  const auto slack = build_payload(Target::slack, event, {}, std::string(300, 't'));
  const std::string header = slack["blocks"][0]["text"]["text"];
  EXPECT_EQ(chars(header), 150u);
  EXPECT_EQ(ends(header, 6), "ttt" + kEllipsis);
  const std::string section = slack["blocks"][1]["text"]["text"];
  EXPECT_EQ(chars(section), 3000u);
  EXPECT_EQ(section, std::string(2999, 'r') + kEllipsis);
  for (const auto& field : slack["blocks"][1]["fields"]) EXPECT_LE(chars(field["text"]), 2000u);
  EXPECT_EQ(chars(slack["blocks"][1]["fields"][1]["text"]), 2000u);
  EXPECT_LE(chars(slack["text"]), 3000u);
}

TEST(NotifyPayload, AnEscapeIsNeverCutInHalf) {
  json event = kVerdict;
  event["reason"] = std::string(2999, 'a') + "&&&";
  const std::string section = build_payload(Target::slack, event, {})["blocks"][1]["text"]["text"];
  EXPECT_EQ(section, std::string(2999, 'a') + kEllipsis);
  event["reason"] = std::string(4095, 'a') + "**";
  const std::string description = build_payload(Target::discord, event, {})["embeds"][0]["description"];
  EXPECT_EQ(description, std::string(4095, 'a') + kEllipsis);
}

TEST(NotifyPayload, CuttingNeverSplitsACharacterAndInvalidUtf8IsReplaced) {
  std::string title;
  for (int i = 0; i < 200; ++i) title += "\xC3\xA9";  // é
  const auto slack = build_payload(Target::slack, kBuild, {}, title);
  const std::string header = slack["blocks"][0]["text"]["text"];
  EXPECT_EQ(chars(header), 150u);
  EXPECT_NO_THROW(slack.dump());
  const auto broken = build_payload(Target::webhook, kBuild, {}, "bad \xFF byte");
  EXPECT_EQ(broken["title"], "bad \xEF\xBF\xBD byte");
  EXPECT_NO_THROW(build_payload(Target::discord, kBuild, {}, "\xE2\x82").dump());
}

TEST(NotifyPayload, DiscordLimitsHoldForEveryFieldAndTheWholeEmbed) {
  json event = kTriggered;
  event["reply"] = std::string(5000, 'r');
  json params = json::object();
  for (int i = 0; i < 40; ++i) params["p" + std::to_string(100 + i)] = std::string(60, 'v');
  event["params"] = params;
  event["job"] = std::string(300, 'j');
  const auto discord = build_payload(Target::discord, event, {}, std::string(300, 't'));
  const auto& embed = discord["embeds"][0];
  EXPECT_LE(chars(discord["content"]), 2000u);
  EXPECT_EQ(chars(embed["title"]), 256u);
  std::size_t total = chars(embed["title"]) + chars(embed["description"]);
  EXPECT_LE(embed["fields"].size(), 25u);
  for (const auto& field : embed["fields"]) {
    EXPECT_LE(chars(field["name"]), 256u);
    EXPECT_LE(chars(field["value"]), 1024u);
    EXPECT_FALSE(field["value"].get<std::string>().empty());
    total += chars(field["name"]) + chars(field["value"]);
  }
  EXPECT_LE(total, 6000u);
  const std::string parameters = embed["fields"][2]["value"];
  EXPECT_EQ(chars(parameters), 1024u);
  EXPECT_EQ(ends(parameters, 3), kEllipsis);
  // The link to the build survives the cuts.
  EXPECT_EQ(embed["fields"].back()["name"], "Links");
}

TEST(NotifyPayload, DiscordDescriptionGivesWayToFactsWhenTheEmbedIsFull) {
  json event = kTriggered;
  event["reply"] = std::string(4000, 'r');
  json params = json::object();
  for (int i = 0; i < 3; ++i) params["p" + std::to_string(i)] = std::string(2000, 'v');
  event["params"] = params;
  event["intent"] = std::string(1100, 'i');
  event["queue_url"] = std::string(1000, 'q');
  const auto discord = build_payload(Target::discord, event, {});
  const auto& embed = discord["embeds"][0];
  EXPECT_EQ(chars(embed["description"]), 200u);
  EXPECT_EQ(embed["fields"].size(), 7u);  // every fact and the links kept
  EXPECT_EQ(embed["fields"][0]["value"], std::string(1023, 'i') + kEllipsis);
}

TEST(NotifyPayload, LinksMustBeWebUrlsAndEventLinksThatAreNotAreDropped) {
  try {
    build_payload(Target::slack, kBuild, {"javascript:alert(1)", ""});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_NE(std::string(e.what()).find("build link: expected an http:// or https:// URL"), std::string::npos);
  }
  EXPECT_THROW(build_payload(Target::slack, kBuild, {"", "https://x.example/a b"}), Error);
  json event = kBuild;
  event["build"]["url"] = "javascript:alert(1)";
  const auto slack = build_payload(Target::slack, event, {});
  EXPECT_EQ(slack["blocks"].size(), 3u);  // no actions block
  EXPECT_EQ(build_payload(Target::webhook, event, {})["links"], json::object());
}

TEST(NotifyPayload, TheSameBuildLinkIsShownOnce) {
  const auto webhook = build_payload(Target::webhook, kBuild, {"https://ci.example.com/job/checkout-release/412/", ""});
  EXPECT_EQ(webhook["links"], json({{"build", "https://ci.example.com/job/checkout-release/412/"}}));
}

TEST(NotifyPayload, SlackLeavesOutAButtonWhoseUrlIsTooLong) {
  const std::string long_url = "https://ci.example.com/" + std::string(3000, 'x');
  const auto slack = build_payload(Target::slack, kBuild, {long_url, ""});
  const auto& buttons = slack["blocks"][3]["elements"];
  ASSERT_EQ(buttons.size(), 1u);
  EXPECT_EQ(buttons[0]["url"], "https://ci.example.com/job/checkout-release/412/");
}

TEST(NotifyPayload, DiscordLinkTargetsCannotBeEndedEarly) {
  const auto discord = build_payload(Target::discord, kBuild, {"https://ci.example.com/job/a(b)/1/", ""});
  EXPECT_EQ(discord["embeds"][0]["fields"].back()["value"],
            "[Build](https://ci.example.com/job/a%28b%29/1/) · [Build #412](https://ci.example.com/job/checkout-release/412/)");
}

TEST(NotifyEvent, KindsAreRecognisedByTheirFields) {
  EXPECT_EQ(event_kind(kDecision), "decision");
  EXPECT_EQ(event_kind(kVerdict), "verdict");
  EXPECT_EQ(event_kind(kTriggered), "triggered");
  EXPECT_EQ(event_kind(kBuild), "build");
}

TEST(NotifyEvent, UnknownShapesAndBadFieldsAreInputErrorsNamingTheField) {
  EXPECT_NE(error_field(json::parse(R"json({"hello": 1})json")).find("expected a Decision"), std::string::npos);
  EXPECT_NE(error_field(json::parse(R"json({"hello": 1})json")).find("got an object with {hello}"), std::string::npos);
  EXPECT_NE(error_field(json::array()).find("got array"), std::string::npos);
  json collecting = kTriggered;
  collecting["state"] = "collecting";
  EXPECT_EQ(error_field(collecting), "state: an Intent answer is worth a notification once triggered, this one is \"collecting\"");
  json action = kVerdict;
  action["action"] = "maybe";
  EXPECT_EQ(error_field(action), "action: expected promote|slow|rollback, got \"maybe\"");
  json risk = kDecision;
  risk["risk_score"] = "high";
  EXPECT_EQ(error_field(risk), "risk_score: expected a number, got string");
  json gate = kDecision;
  gate["gates"][0]["name"] = 7;
  EXPECT_EQ(error_field(gate), "gates[0].name: expected a string, got number");
  json metric = kVerdict;
  metric["metrics"][1]["p_value"] = "small";
  EXPECT_EQ(error_field(metric), "metrics[1].p_value: expected a number, got string");
  json build = kBuild;
  build["build"].erase("number");
  EXPECT_EQ(error_field(build), "build.number: missing");
}

TEST(NotifyTarget, ParsesTheFourTargetsAndNamesTheChoices) {
  for (const char* name : {"slack", "teams", "discord", "webhook"}) EXPECT_EQ(to_string(parse_target(name)), name);
  try {
    parse_target("irc");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("expected slack|teams|discord|webhook, got \"irc\""), std::string::npos);
  }
}

TEST(NotifyDelivery, ShownOriginKeepsSchemeHostAndPortOnly) {
  EXPECT_EQ(shown_origin("https://hooks.slack.com/services/T0/B0/s3cr3t"), "https://hooks.slack.com");
  EXPECT_EQ(shown_origin("https://user:pw@example.com:8443/hook?sig=s3cr3t"), "https://example.com:8443");
  EXPECT_EQ(shown_origin("http://127.0.0.1:9/x#frag"), "http://127.0.0.1:9");
  EXPECT_EQ(shown_origin("https://discord.com?token=s3cr3t"), "https://discord.com");
}

TEST(NotifyDelivery, NoAnswerIsAResultNotAnExceptionAndHidesThePath) {
  // Port 9 (discard) on loopback has no listener here: the connection is refused at once.
  const auto result = deliver(Target::discord, "http://127.0.0.1:9/api/webhooks/1/s3cr3t-token?wait=true",
                              build_payload(Target::discord, kBuild, {}), 2);
  EXPECT_FALSE(result.delivered);
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.attempts, 2);
  EXPECT_NE(result.reason.find("Discord at http://127.0.0.1:9"), std::string::npos) << result.reason;
  EXPECT_EQ(result.reason.find("s3cr3t"), std::string::npos) << result.reason;
  EXPECT_EQ(result.reason.find("webhooks"), std::string::npos) << result.reason;
}
