#include "intent/session_store_key_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "bellwether/error.hpp"

namespace bellwether::intent::detail {
namespace {

[[noreturn]] void fail_on(const std::filesystem::path& file, const std::string& what, int error_number) {
  fail(ErrorKind::source, what + ": " + std::strerror(error_number), {file.string(), 0, 0, ""});
}

// True when `fd` is still the file at `path` (a holder may have removed it meanwhile).
bool still_linked(int fd, const std::filesystem::path& path) {
  struct stat held {};
  struct stat current {};
  if (::fstat(fd, &held) != 0) fail_on(path, "cannot inspect the lock file", errno);
  if (::stat(path.c_str(), &current) != 0) {
    if (errno == ENOENT) return false;
    fail_on(path, "cannot inspect the lock file", errno);
  }
  return held.st_dev == current.st_dev && held.st_ino == current.st_ino;
}

}  // namespace

KeyLock::KeyLock(std::filesystem::path lock_file) : KeyLock(std::move(lock_file), true) {}

KeyLock KeyLock::try_lock(std::filesystem::path lock_file) { return KeyLock(std::move(lock_file), false); }

KeyLock::KeyLock(std::filesystem::path lock_file, bool wait) : file_(std::move(lock_file)) {
  for (;;) {
    const int fd = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) fail_on(file_, "cannot open the lock file", errno);
    int result = 0;
    do {
      result = ::flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB);
    } while (result != 0 && errno == EINTR);
    if (result != 0) {
      const int error_number = errno;
      ::close(fd);
      if (!wait && error_number == EWOULDBLOCK) return;
      fail_on(file_, "cannot lock the lock file", error_number);
    }
    if (still_linked(fd, file_)) {
      fd_ = fd;
      return;
    }
    ::close(fd);
  }
}

KeyLock::KeyLock(KeyLock&& other) noexcept : file_(std::move(other.file_)), fd_(std::exchange(other.fd_, -1)) {}

KeyLock::~KeyLock() {
  if (fd_ >= 0) ::close(fd_);
}

void KeyLock::remove_and_release() {
  if (fd_ < 0) return;
  const int removed = ::unlink(file_.c_str());
  const int error_number = errno;
  ::close(std::exchange(fd_, -1));
  if (removed != 0 && error_number != ENOENT) fail_on(file_, "cannot remove the lock file", error_number);
}

}  // namespace bellwether::intent::detail
