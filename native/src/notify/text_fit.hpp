#pragma once
// Event values are data: each chat format gets them escaped for its markup and cut to the
// service's limit, counted in characters (code points) of what is sent, so an escape is never
// cut in half and a multi-byte character never split.
#include <cstddef>
#include <string>
#include <string_view>

namespace bellwether::notify {

enum class Markup {
  plain,     // sent as is (Slack plain_text, Adaptive Card action titles, generic JSON)
  slack,     // Slack mrkdwn: & < > as HTML entities, which also stops <url|link> and <!channel>
  markdown,  // Discord and Adaptive Card Markdown: a backslash before each markup character,
             // which stops [text](url) links, emphasis, code and spoilers
};

// The escaped text, cut to at most `max_chars` characters with "…" at the end when it did not
// fit. Invalid UTF-8 (possible in a --title from argv) becomes U+FFFD, so the result is always
// valid JSON text.
std::string fit(std::string_view text, std::size_t max_chars, Markup markup = Markup::plain);

// Characters (code points) of valid UTF-8.
std::size_t char_count(std::string_view utf8);

// Line breaks and tabs as spaces: titles and summaries are one line.
std::string one_line(std::string_view text);

}  // namespace bellwether::notify
