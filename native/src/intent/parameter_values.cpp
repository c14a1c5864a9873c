// Canonical parameter values: what a person types ("Production", "blue-green", "5%", "three",
// "yes") becomes the registry's form, or a reason it cannot.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "bellwether/intent.hpp"
#include "intent/text.hpp"
#include "intent/vocabulary.hpp"

namespace bellwether::intent {
namespace {

constexpr std::size_t kMaxValueLength = 256;

// Values reach Jenkins as form data, never a shell; still, a free-text parameter without its
// own pattern refuses what only makes sense to a shell, so a careless job script cannot be
// turned against its agent.
std::optional<std::string> unsafe_for_free_text(const std::string& value) {
  static const std::string_view shell = "`$;|&<>\\";
  for (char c : value) {
    if (shell.find(c) != std::string_view::npos) {
      return "\"" + value + "\" contains '" + std::string(1, c) + "', which a free-text parameter does not accept";
    }
  }
  return std::nullopt;
}

std::optional<std::string> as_integer(const std::string& raw) {
  std::string s = raw;
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return std::to_string(v);
  if (const auto word = number_word(to_lower(raw))) return std::to_string(*word);
  return std::nullopt;
}

std::optional<std::string> as_boolean(const std::string& raw) {
  const std::string s = to_lower(raw);
  for (const char* yes : {"true", "yes", "y", "on", "1", "enable", "enabled"}) {
    if (s == yes) return "true";
  }
  for (const char* no : {"false", "no", "n", "off", "0", "disable", "disabled"}) {
    if (s == no) return "false";
  }
  return std::nullopt;
}

std::optional<std::string> as_choice(const Parameter& p, const std::string& raw) {
  const std::string typed = canonical_choice(raw);
  if (typed.empty()) return std::nullopt;
  for (const auto& [word, choice] : p.choice_aliases) {
    if (canonical_choice(word) == typed) return choice;
  }
  for (const auto& choice : p.choices) {
    if (canonical_choice(choice) == typed) return choice;
  }
  const std::string group = abbreviation_group(typed);
  for (const auto& choice : p.choices) {
    if (abbreviation_group(canonical_choice(choice)) == group) return choice;
  }
  return std::nullopt;
}

}  // namespace

ValueCheck check_value(const Parameter& p, const std::string& raw) {
  ValueCheck out;
  if (raw.empty()) {
    out.problem = "an empty value";
    return out;
  }
  if (raw.size() > kMaxValueLength) {
    out.problem = "a value of " + std::to_string(raw.size()) + " characters (at most " + std::to_string(kMaxValueLength) + ")";
    return out;
  }
  if (std::any_of(raw.begin(), raw.end(), [](char c) { return std::iscntrl(static_cast<unsigned char>(c)); })) {
    out.problem = "a value with control characters";
    return out;
  }
  std::optional<std::string> value;
  switch (p.type) {
    case ParameterType::integer:
      value = as_integer(raw);
      if (!value) out.problem = "expected a whole number, got \"" + raw + "\"";
      break;
    case ParameterType::boolean:
      value = as_boolean(raw);
      if (!value) out.problem = "expected yes or no, got \"" + raw + "\"";
      break;
    case ParameterType::choice:
      value = as_choice(p, raw);
      if (!value) {
        std::string list;
        for (const auto& c : p.choices) list += (list.empty() ? "" : ", ") + c;
        out.problem = "expected one of " + list + ", got \"" + raw + "\"";
      }
      break;
    case ParameterType::string:
      value = raw;
      if (p.pattern.empty()) {
        if (auto why = unsafe_for_free_text(raw)) {
          out.problem = *why;
          value.reset();
        }
      }
      break;
  }
  if (value) {
    if (auto why = p.problem_with(*value)) {
      out.problem = *why;
    } else {
      out.value = value;
    }
  }
  return out;
}

}  // namespace bellwether::intent
