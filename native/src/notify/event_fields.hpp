#pragma once
// Typed reads of an event's fields: a wrong type is Error(input) naming the field, so
// `bellwether notify` can say which part of the file is wrong.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace bellwether::notify::fields {

// `path` is the field's name in the error ("build.number").
[[noreturn]] void wrong_type(const std::string& path, const char* expected, const nlohmann::json& got);
const nlohmann::json& required(const nlohmann::json& object, const char* key, const std::string& path);
std::string string_at(const nlohmann::json& object, const char* key, const std::string& path);
double number_at(const nlohmann::json& object, const char* key, const std::string& path);
// Absent or null: nullopt.
std::optional<std::string> optional_string(const nlohmann::json& object, const char* key, const std::string& path);
std::optional<double> optional_number(const nlohmann::json& object, const char* key, const std::string& path);
std::optional<bool> optional_bool(const nlohmann::json& object, const char* key, const std::string& path);
// Absent or null: an empty array.
const nlohmann::json& optional_array(const nlohmann::json& object, const char* key, const std::string& path);
// A scalar as people write it: strings as they are, numbers and booleans in JSON spelling.
std::string scalar_text(const nlohmann::json& value);

}  // namespace bellwether::notify::fields
