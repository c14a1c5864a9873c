#include "notify/text_fit.hpp"

#include <string_view>

namespace bellwether::notify {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // …
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 sequence at `at`, or 0 when it is not one (overlong
// forms, surrogates and values above U+10FFFF included).
std::size_t sequence_length(std::string_view s, std::size_t at) {
  const auto c = static_cast<unsigned char>(s[at]);
  const std::size_t left = s.size() - at;
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[at + i]); };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && is_continuation(byte(1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !is_continuation(byte(1)) || !is_continuation(byte(2))) return 0;
    if (c == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && byte(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !is_continuation(byte(1)) || !is_continuation(byte(2)) || !is_continuation(byte(3))) return 0;
    if (c == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

std::string_view escape_of(char c, Markup markup) {
  if (markup == Markup::slack) {
    switch (c) {
      case '&': return "&amp;";
      case '<': return "&lt;";
      case '>': return "&gt;";
      default: return {};
    }
  }
  if (markup == Markup::markdown) {
    switch (c) {
      case '\\': return "\\\\";
      case '*': return "\\*";
      case '_': return "\\_";
      case '~': return "\\~";
      case '`': return "\\`";
      case '|': return "\\|";
      case '[': return "\\[";
      case ']': return "\\]";
      case '<': return "\\<";
      case '>': return "\\>";
      default: return {};
    }
  }
  return {};
}

}  // namespace

std::size_t char_count(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++n;
  }
  return n;
}

std::string fit(std::string_view text, std::size_t max_chars, Markup markup) {
  // Each source character becomes one piece (itself, its escape or U+FFFD); pieces are taken
  // whole while they fit, keeping room for the ellipsis once the text turns out to be too long.
  std::string out;
  std::size_t used = 0;                // characters in `out`
  std::size_t fits_with_ellipsis = 0;  // bytes of `out` that leave room for "…"
  bool cut = false;
  for (std::size_t at = 0; at < text.size();) {
    std::string_view piece;
    std::size_t piece_chars = 1;
    const std::size_t length = sequence_length(text, at);
    if (length == 0) {
      piece = kReplacement;
      at += 1;
    } else if (length == 1 && !escape_of(text[at], markup).empty()) {
      piece = escape_of(text[at], markup);
      piece_chars = piece.size();  // escapes are ASCII
      at += 1;
    } else {
      piece = text.substr(at, length);
      at += length;
    }
    if (used + piece_chars > max_chars) {
      cut = true;
      break;
    }
    out.append(piece);
    used += piece_chars;
    if (used + 1 <= max_chars) fits_with_ellipsis = out.size();
  }
  if (!cut) return out;
  if (max_chars == 0) return {};
  out.resize(fits_with_ellipsis);
  out.append(kEllipsis);
  return out;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace bellwether::notify
