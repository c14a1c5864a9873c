#include "bellwether/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "bellwether/error.hpp"
#include "intent/session_store_private_files.hpp"

namespace bellwether::intent {
namespace {

[[noreturn]] void fail_on(const std::filesystem::path& file, const std::string& what, int error_number) {
  fail(ErrorKind::source, what + ": " + std::strerror(error_number), {file.string(), 0, 0, ""});
}

bool names_a_secret(std::string name) {
  static constexpr std::array<std::string_view, 8> kSecretWords = {
      "password", "passwd", "secret", "token", "apikey", "api_key", "credential", "private_key"};
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(kSecretWords.begin(), kSecretWords.end(),
                     [&](std::string_view word) { return name.find(word) != std::string::npos; });
}

}  // namespace

void append_audit_record(const std::filesystem::path& file, const nlohmann::json& record) {
  const std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (file.has_parent_path()) detail::create_private_directories(file.parent_path());
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) fail_on(file, "cannot open the audit log", errno);
  // One write() of the whole line: with O_APPEND the kernel places it at the end atomically,
  // so lines from concurrent processes never interleave. A retry of a short write could land
  // after another process's line, so a short write is an error, not something to continue.
  ssize_t written = 0;
  do {
    written = ::write(fd, line.data(), line.size());
  } while (written < 0 && errno == EINTR);
  const int write_error = errno;
  if (written < 0 || static_cast<std::size_t>(written) != line.size()) {
    ::close(fd);
    fail_on(file, "cannot append to the audit log", written < 0 ? write_error : EIO);
  }
  if (::fsync(fd) != 0) {
    const int sync_error = errno;
    ::close(fd);
    fail_on(file, "cannot sync the audit log", sync_error);
  }
  if (::close(fd) != 0) fail_on(file, "cannot close the audit log", errno);
}

nlohmann::json mask_secrets(const nlohmann::json& params) {
  if (params.is_array()) {
    nlohmann::json masked = nlohmann::json::array();
    for (const auto& item : params) masked.push_back(mask_secrets(item));
    return masked;
  }
  if (!params.is_object()) return params;
  nlohmann::json masked = nlohmann::json::object();
  for (const auto& [name, value] : params.items()) {
    masked[name] = names_a_secret(name) ? nlohmann::json("****") : mask_secrets(value);
  }
  return masked;
}

}  // namespace bellwether::intent
