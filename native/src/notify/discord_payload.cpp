// Discord webhook, one embed. Limits from Discord's webhook and embed reference: content 2000
// characters, title 256, description 4096, at most 25 fields with names of 256 and values of
// 1024, and 6000 for the embed as a whole. Mentions are switched off, so an "@everyone" in a
// value pings nobody; Markdown in values is backslash-escaped.
#include <algorithm>

#include "notify/payloads.hpp"
#include "notify/text_fit.hpp"

namespace bellwether::notify {
namespace {

using nlohmann::json;

constexpr std::size_t kContentChars = 2000;
constexpr std::size_t kTitleChars = 256;
constexpr std::size_t kDescriptionChars = 4096;
constexpr std::size_t kShortDescriptionChars = 200;  // what is left when facts need the room
constexpr std::size_t kFields = 25;
constexpr std::size_t kFieldNameChars = 256;
constexpr std::size_t kFieldValueChars = 1024;
constexpr std::size_t kEmbedChars = 6000;
constexpr std::size_t kLinkLabelChars = 64;

int colour(Outcome outcome) {
  switch (outcome) {
    case Outcome::success: return 0x1F883D;
    case Outcome::warning: return 0xBF8700;
    case Outcome::failure: return 0xCF222E;
    case Outcome::neutral: return 0x0969DA;
  }
  return 0x0969DA;
}

// Parentheses would end a Markdown link target early.
std::string link_target(const std::string& url) {
  std::string out;
  for (char c : url) {
    if (c == '(') {
      out += "%28";
    } else if (c == ')') {
      out += "%29";
    } else {
      out += c;
    }
  }
  return out;
}

// "[Build](…) · [Report](…)": links whole or not at all.
std::string links_text(const std::vector<Link>& links) {
  std::string text;
  for (const auto& link : links) {
    const std::string entry =
        "[" + fit(link.label, kLinkLabelChars, Markup::markdown) + "](" + link_target(link.url) + ")";
    const std::string candidate = text.empty() ? entry : text + " \xC2\xB7 " + entry;  // ·
    if (char_count(candidate) <= kFieldValueChars) text = candidate;
  }
  return text;
}

std::size_t embed_chars(const json& embed) {
  std::size_t n = char_count(embed["title"].get_ref<const std::string&>()) +
                  char_count(embed["description"].get_ref<const std::string&>());
  for (const auto& field : embed["fields"]) {
    n += char_count(field["name"].get_ref<const std::string&>()) +
         char_count(field["value"].get_ref<const std::string&>());
  }
  return n;
}

}  // namespace

json discord_payload(const Message& m) {
  const std::string links = links_text(m.links);
  json fields = json::array();
  for (const auto& fact : fold_facts(m.facts, links.empty() ? kFields : kFields - 1)) {
    fields.push_back({{"name", fit(fact.label, kFieldNameChars, Markup::markdown)},
                      {"value", fit(fact.value, kFieldValueChars, Markup::markdown)},
                      {"inline", true}});
  }
  json embed = {{"title", fit(m.title, kTitleChars, Markup::markdown)},
                {"description", fit(m.summary, kDescriptionChars, Markup::markdown)},
                {"color", colour(m.outcome)},
                {"fields", std::move(fields)}};
  if (!links.empty()) embed["fields"].push_back({{"name", "Links"}, {"value", links}, {"inline", false}});
  // Over the embed's total: the description gives way first, then facts from the end (the
  // least important); the links stay.
  if (embed_chars(embed) > kEmbedChars) {
    embed["description"] = fit(m.summary, kShortDescriptionChars, Markup::markdown);
    const std::size_t facts_end = links.empty() ? 0 : 1;
    while (embed_chars(embed) > kEmbedChars && embed["fields"].size() > facts_end) {
      auto& list = embed["fields"];
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(list.size() - 1 - facts_end));
    }
  }
  if (embed["fields"].empty()) embed.erase("fields");
  if (!m.links.empty()) embed["url"] = m.links.front().url;
  if (!m.timestamp.empty()) embed["timestamp"] = m.timestamp;
  const std::string content = std::string(emoji(m.outcome)) + " " + m.title;
  return {{"content", fit(content, kContentChars, Markup::markdown)},
          {"embeds", json::array({std::move(embed)})},
          {"allowed_mentions", {{"parse", json::array()}}}};
}

}  // namespace bellwether::notify
