#include "notify/event_fields.hpp"

#include "bellwether/error.hpp"

namespace bellwether::notify::fields {
namespace {

const nlohmann::json kEmptyArray = nlohmann::json::array();

const nlohmann::json* find(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

void wrong_type(const std::string& path, const char* expected, const nlohmann::json& got) {
  fail(ErrorKind::input, std::string("expected ") + expected + ", got " + got.type_name(), {"", 0, 0, path});
}

const nlohmann::json& required(const nlohmann::json& object, const char* key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end()) fail(ErrorKind::input, "missing", {"", 0, 0, path});
  return *it;
}

std::string string_at(const nlohmann::json& object, const char* key, const std::string& path) {
  const auto& value = required(object, key, path);
  if (!value.is_string()) wrong_type(path, "a string", value);
  return value.get<std::string>();
}

double number_at(const nlohmann::json& object, const char* key, const std::string& path) {
  const auto& value = required(object, key, path);
  if (!value.is_number()) wrong_type(path, "a number", value);
  return value.get<double>();
}

std::optional<std::string> optional_string(const nlohmann::json& object, const char* key, const std::string& path) {
  const auto* value = find(object, key);
  if (!value) return std::nullopt;
  if (!value->is_string()) wrong_type(path, "a string", *value);
  return value->get<std::string>();
}

std::optional<double> optional_number(const nlohmann::json& object, const char* key, const std::string& path) {
  const auto* value = find(object, key);
  if (!value) return std::nullopt;
  if (!value->is_number()) wrong_type(path, "a number", *value);
  return value->get<double>();
}

std::optional<bool> optional_bool(const nlohmann::json& object, const char* key, const std::string& path) {
  const auto* value = find(object, key);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) wrong_type(path, "true or false", *value);
  return value->get<bool>();
}

const nlohmann::json& optional_array(const nlohmann::json& object, const char* key, const std::string& path) {
  const auto* value = find(object, key);
  if (!value) return kEmptyArray;
  if (!value->is_array()) wrong_type(path, "an array", *value);
  return *value;
}

std::string scalar_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace bellwether::notify::fields
