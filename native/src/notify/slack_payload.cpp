// Slack incoming webhook, Block Kit. Limits from Slack's Block Kit reference: header text 150
// characters, section text 3000, at most 10 fields of 2000 each, button text 75 and URL 3000,
// at most 25 buttons. Blocks have no colour, so the outcome is an emoji in the header.
#include "notify/payloads.hpp"
#include "notify/text_fit.hpp"

namespace bellwether::notify {
namespace {

using nlohmann::json;

constexpr std::size_t kHeaderChars = 150;
constexpr std::size_t kTextChars = 3000;
constexpr std::size_t kFields = 10;
constexpr std::size_t kFieldChars = 2000;
constexpr std::size_t kLabelChars = 100;  // ours, kept short so the value keeps its room
constexpr std::size_t kButtons = 25;
constexpr std::size_t kButtonTextChars = 75;
constexpr std::size_t kButtonUrlChars = 3000;

// verbatim: Slack leaves the text alone (no auto-links, no @channel or #channel parsing);
// escaping & < > keeps <url|text> links and <!here> out of event values.
json mrkdwn(std::string escaped) { return {{"type", "mrkdwn"}, {"text", std::move(escaped)}, {"verbatim", true}}; }
json plain(std::string text) { return {{"type", "plain_text"}, {"text", std::move(text)}, {"emoji", true}}; }

}  // namespace

json slack_payload(const Message& m) {
  const std::string head = std::string(emoji(m.outcome)) + " " + m.title;
  json blocks = json::array();
  blocks.push_back({{"type", "header"}, {"text", plain(fit(head, kHeaderChars))}});

  json section = {{"type", "section"}, {"text", mrkdwn(fit(m.summary, kTextChars, Markup::slack))}};
  json fields = json::array();
  for (const auto& fact : fold_facts(m.facts, kFields)) {
    const std::string label = "*" + fit(fact.label, kLabelChars, Markup::slack) + "*\n";
    fields.push_back(mrkdwn(label + fit(fact.value, kFieldChars - char_count(label), Markup::slack)));
  }
  if (!fields.empty()) section["fields"] = std::move(fields);
  blocks.push_back(std::move(section));

  std::string context = "Bellwether \xC2\xB7 " + kind_label(m.kind);  // ·
  if (!m.timestamp.empty()) context += " \xC2\xB7 " + m.timestamp;
  blocks.push_back({{"type", "context"}, {"elements", json::array({mrkdwn(fit(context, kTextChars, Markup::slack))})}});

  json buttons = json::array();
  for (const auto& link : m.links) {
    // A cut URL would open the wrong page: one too long for a button is left out.
    if (buttons.size() == kButtons || link.url.size() > kButtonUrlChars) continue;
    buttons.push_back({{"type", "button"}, {"text", plain(fit(link.label, kButtonTextChars))}, {"url", link.url}});
  }
  if (!buttons.empty()) blocks.push_back({{"type", "actions"}, {"elements", std::move(buttons)}});

  // The notification text (and what clients without blocks show).
  return {{"text", fit(head + " \xE2\x80\x94 " + m.summary, kTextChars, Markup::slack)},  // —
          {"blocks", std::move(blocks)}};
}

}  // namespace bellwether::notify
