// Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received"),
// which takes Adaptive Cards only. TextBlock and Fact text is Markdown there, so event values
// are backslash-escaped; the lengths are capped to keep the card far below Teams' 28 KB.
#include "notify/payloads.hpp"
#include "notify/text_fit.hpp"

namespace bellwether::notify {
namespace {

using nlohmann::json;

constexpr std::size_t kTitleChars = 256;
constexpr std::size_t kSummaryChars = 3000;
constexpr std::size_t kFactTitleChars = 256;
constexpr std::size_t kFactValueChars = 1000;
constexpr std::size_t kActionTitleChars = 100;

std::string colour(Outcome outcome) {
  switch (outcome) {
    case Outcome::success: return "Good";
    case Outcome::warning: return "Warning";
    case Outcome::failure: return "Attention";
    case Outcome::neutral: return "Accent";
  }
  return "Default";
}

}  // namespace

json teams_payload(const Message& m) {
  json body = json::array();
  body.push_back({{"type", "TextBlock"},
                  {"text", fit(m.title, kTitleChars, Markup::markdown)},
                  {"size", "Large"},
                  {"weight", "Bolder"},
                  {"color", colour(m.outcome)},
                  {"wrap", true}});
  body.push_back({{"type", "TextBlock"}, {"text", fit(m.summary, kSummaryChars, Markup::markdown)}, {"wrap", true}});
  json facts = json::array();
  for (const auto& fact : m.facts) {
    facts.push_back({{"title", fit(fact.label, kFactTitleChars, Markup::markdown)},
                     {"value", fit(fact.value, kFactValueChars, Markup::markdown)}});
  }
  if (!facts.empty()) body.push_back({{"type", "FactSet"}, {"facts", std::move(facts)}});

  json card = {{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
               {"type", "AdaptiveCard"},
               {"version", "1.4"},
               {"body", std::move(body)}};
  json actions = json::array();
  for (const auto& link : m.links) {
    actions.push_back({{"type", "Action.OpenUrl"}, {"title", fit(link.label, kActionTitleChars)}, {"url", link.url}});
  }
  if (!actions.empty()) card["actions"] = std::move(actions);
  return {{"type", "message"},
          {"attachments", json::array({{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                        {"contentUrl", nullptr},
                                        {"content", std::move(card)}}})}};
}

}  // namespace bellwether::notify
