#pragma once
// Reading one JSON request: its fields by name with the expected types, the data given inline or
// through a `<field>_path` key, and errors that name the field. The operation's name is added
// to every message by answer_for, so a message reads "decide: changes: expected an object".
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bellwether/error.hpp"

namespace bellwether::api {

class RequestFields {
 public:
  // Throws Error(input) when `body` is not an object or holds a key outside `allowed`.
  RequestFields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed);

  [[noreturn]] static void fail(const std::string& field, const std::string& message);

  bool has(const std::string& field) const;
  const nlohmann::json& at(const std::string& field) const;  // only after has()

  std::optional<std::string> text(const std::string& field) const;
  std::string required_text(const std::string& field) const;
  std::optional<double> number(const std::string& field) const;
  std::optional<int> whole_number(const std::string& field) const;
  std::optional<bool> flag(const std::string& field) const;
  // Unix seconds as a number, or a string as the CLI's time options take it (RFC 3339, …).
  std::optional<double> time(const std::string& field) const;
  // A list of strings, also given as one string (a single item).
  std::vector<std::string> text_list(const std::string& field) const;
  // Exactly one of `field` and `field_path` when `required`, at most one otherwise.
  // Returns which one is set: nullopt (neither), false (inline), true (path).
  std::optional<bool> inline_or_path(const std::string& field, bool required) const;

 private:
  const nlohmann::json& body_;
};

// Runs one operation, adding its name in front of the location of any bellwether::Error, so the
// caller can tell which request failed and which field (or file) was wrong.
nlohmann::json answer_for(const char* operation, const std::function<nlohmann::json()>& body);

// Config text given inline: a YAML (or JSON) string is parsed as written and keeps its
// line:column; a JSON object is dumped and parsed as YAML (yaml-cpp reads JSON), and then only
// the field path is kept, because positions in the dump mean nothing to the caller.
template <class Parse>
auto parse_inline_config(const nlohmann::json& value, const std::string& field, Parse parse) {
  if (value.is_string()) return parse(value.get_ref<const std::string&>(), field);
  if (!value.is_object()) RequestFields::fail(field, "expected an object or YAML text");
  try {
    return parse(value.dump(), field);
  } catch (const Error& e) {
    SourceLocation where = e.where();
    where.line = 0;
    where.column = 0;
    throw Error(e.kind(), e.detail(), where);
  }
}

}  // namespace bellwether::api
