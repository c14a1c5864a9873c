#include "api/request_fields.hpp"

#include <algorithm>
#include <cmath>

#include "bellwether/timestamp.hpp"

namespace bellwether::api {
namespace {

std::string expected(const std::string& what, const nlohmann::json& value) {
  return "expected " + what + ", got " + std::string(value.type_name());
}

}  // namespace

RequestFields::RequestFields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed) : body_(body) {
  if (!body_.is_object()) fail("", expected("a JSON object", body_));
  for (const auto& item : body_.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    std::string list;
    for (auto name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
    fail(item.key(), "unknown field (this request takes " + list + ")");
  }
}

void RequestFields::fail(const std::string& field, const std::string& message) {
  bellwether::fail(ErrorKind::input, message, {"", 0, 0, field});
}

bool RequestFields::has(const std::string& field) const {
  const auto it = body_.find(field);
  return it != body_.end() && !it->is_null();
}

const nlohmann::json& RequestFields::at(const std::string& field) const { return body_.at(field); }

std::optional<std::string> RequestFields::text(const std::string& field) const {
  if (!has(field)) return std::nullopt;
  const auto& value = at(field);
  if (!value.is_string()) fail(field, expected("a string", value));
  return value.get<std::string>();
}

std::string RequestFields::required_text(const std::string& field) const {
  auto value = text(field);
  if (!value) fail(field, "required");
  return *value;
}

std::optional<double> RequestFields::number(const std::string& field) const {
  if (!has(field)) return std::nullopt;
  const auto& value = at(field);
  if (!value.is_number()) fail(field, expected("a number", value));
  return value.get<double>();
}

std::optional<int> RequestFields::whole_number(const std::string& field) const {
  const auto value = number(field);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value) || std::fabs(*value) > 1e9) fail(field, "expected a whole number, got " + at(field).dump());
  return static_cast<int>(*value);
}

std::optional<bool> RequestFields::flag(const std::string& field) const {
  if (!has(field)) return std::nullopt;
  const auto& value = at(field);
  if (!value.is_boolean()) fail(field, expected("true or false", value));
  return value.get<bool>();
}

std::optional<double> RequestFields::time(const std::string& field) const {
  if (!has(field)) return std::nullopt;
  const auto& value = at(field);
  if (value.is_number()) return value.get<double>();
  if (!value.is_string()) fail(field, expected("unix seconds or an RFC 3339 string", value));
  const auto parsed = parse_timestamp(value.get_ref<const std::string&>());
  if (!parsed) fail(field, "expected unix seconds or RFC 3339, got " + value.dump());
  return parsed;
}

std::vector<std::string> RequestFields::text_list(const std::string& field) const {
  if (!has(field)) return {};
  const auto& value = at(field);
  if (value.is_string()) return {value.get<std::string>()};
  if (!value.is_array()) fail(field, expected("a string or a list of strings", value));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) fail(field + "[" + std::to_string(i) + "]", expected("a string", value[i]));
    out.push_back(value[i].get<std::string>());
  }
  return out;
}

std::optional<bool> RequestFields::inline_or_path(const std::string& field, bool required) const {
  const std::string path_field = field + "_path";
  const bool given_inline = has(field);
  const bool given_path = has(path_field);
  if (given_inline && given_path) fail(field, "give either " + field + " or " + path_field + ", not both");
  if (given_path) {
    if (!at(path_field).is_string() || at(path_field).get_ref<const std::string&>().empty()) {
      fail(path_field, expected("a file name", at(path_field)));
    }
    return true;
  }
  if (given_inline) return false;
  if (required) fail(field, "required (inline, or a file as " + path_field + ")");
  return std::nullopt;
}

nlohmann::json answer_for(const char* operation, const std::function<nlohmann::json()>& body) {
  try {
    return body();
  } catch (const Error& e) {
    SourceLocation where = e.where();
    where.file = where.file.empty() ? std::string(operation) : std::string(operation) + ": " + where.file;
    throw Error(e.kind(), e.detail(), where);
  }
}

}  // namespace bellwether::api
