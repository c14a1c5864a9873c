#include "notify/message.hpp"

#include <algorithm>

#include "bellwether/error.hpp"
#include "notify/text_fit.hpp"

namespace bellwether::notify {
namespace {

// A link becomes a button or a Markdown target: anything but a plain http(s) URL (javascript:,
// a space that ends the link early) is refused rather than passed on.
bool is_clean_web_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F;
  });
}

void check_link(const std::string& url, const char* what) {
  if (!is_clean_web_url(url)) {
    fail(ErrorKind::input, std::string(what) + ": expected an http:// or https:// URL without spaces");
  }
}

}  // namespace

std::string_view to_string(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::success: return "success";
    case Outcome::warning: return "warning";
    case Outcome::failure: return "failure";
    case Outcome::neutral: return "neutral";
  }
  return "neutral";
}

std::string_view emoji(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::success: return "\u2705";        // ✅
    case Outcome::warning: return "\u26A0\uFE0F";  // ⚠️
    case Outcome::failure: return "\U0001F6D1";    // 🛑
    case Outcome::neutral: return "\u2139\uFE0F";  // ℹ️
  }
  return "";
}

std::string kind_label(std::string_view kind) {
  if (kind == "decision") return "Deploy decision";
  if (kind == "verdict") return "Canary verdict";
  if (kind == "triggered") return "Triggered job";
  return "Build status";
}

std::vector<Fact> fold_facts(const std::vector<Fact>& facts, std::size_t cap) {
  if (facts.size() <= cap || cap == 0) return facts;
  std::vector<Fact> kept(facts.begin(), facts.begin() + static_cast<std::ptrdiff_t>(cap - 1));
  Fact more{"more", "More", ""};
  for (std::size_t i = cap - 1; i < facts.size(); ++i) {
    more.value += (more.value.empty() ? "" : "; ") + facts[i].label + ": " + facts[i].value;
  }
  kept.push_back(std::move(more));
  return kept;
}

Message message_from_event(const nlohmann::json& event, const Links& links, const std::string& title) {
  const std::string kind = event_kind(event);
  Message message = kind == "decision"    ? decision_message(event)
                    : kind == "verdict"   ? verdict_message(event)
                    : kind == "triggered" ? triggered_message(event)
                                          : build_message(event);
  message.kind = kind;
  if (!title.empty()) message.title = title;
  message.title = one_line(message.title);
  message.summary = one_line(message.summary);

  std::vector<Link> all;
  if (!links.build.empty()) {
    check_link(links.build, "build link");
    all.push_back({"build", "Build", links.build});
  }
  if (!links.report.empty()) {
    check_link(links.report, "report link");
    all.push_back({"report", "Report", links.report});
  }
  // The event's own links (a triggered build) are data: kept only when they are plain web
  // URLs, and once when the pipeline's build is the same page.
  for (auto& link : message.links) {
    const bool seen = std::any_of(all.begin(), all.end(), [&](const Link& l) { return l.url == link.url; });
    if (is_clean_web_url(link.url) && !seen) all.push_back(std::move(link));
  }
  message.links = std::move(all);
  return message;
}

}  // namespace bellwether::notify
