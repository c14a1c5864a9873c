// The default state directory, per the XDG Base Directory specification: $XDG_STATE_HOME
// counts only when it is an absolute path.
#include <cstdlib>
#include <filesystem>

#include "bellwether/error.hpp"
#include "bellwether/session_store.hpp"

namespace bellwether::intent {
namespace {

std::optional<std::filesystem::path> absolute_from_environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  std::filesystem::path path(value);
  if (!path.is_absolute()) return std::nullopt;
  return path;
}

}  // namespace

std::string default_state_dir() {
  if (const auto state_home = absolute_from_environment("XDG_STATE_HOME")) {
    return (*state_home / "bellwether").string();
  }
  if (const auto home = absolute_from_environment("HOME")) {
    return (*home / ".local" / "state" / "bellwether").string();
  }
  fail(ErrorKind::config,
       "no state directory: neither XDG_STATE_HOME nor HOME is an absolute path; pass --state-dir");
}

}  // namespace bellwether::intent
