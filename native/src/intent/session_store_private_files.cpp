#include "intent/session_store_private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "bellwether/error.hpp"

namespace bellwether::intent::detail {
namespace {

[[noreturn]] void fail_on(const std::filesystem::path& file, const std::string& what, int error_number) {
  fail(ErrorKind::source, what + ": " + std::strerror(error_number), {file.string(), 0, 0, ""});
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now so that a failing close (delayed write errors on some file systems) is seen.
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

void fsync_directory(const std::filesystem::path& dir) {
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) fail_on(dir, "cannot open the directory to sync it", errno);
  if (::fsync(fd.get()) != 0) fail_on(dir, "cannot sync the directory", errno);
}

}  // namespace

void create_private_directories(const std::filesystem::path& dir) {
  std::filesystem::path prefix;
  for (const auto& part : dir.lexically_normal()) {
    prefix /= part;
    if (part.empty() || part == "/" || part == "." || part == "..") continue;
    if (::mkdir(prefix.c_str(), 0700) == 0 || errno == EEXIST) continue;
    fail_on(prefix, "cannot create the directory", errno);
  }
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0) fail_on(dir, "cannot use the directory", errno);
  if (!S_ISDIR(info.st_mode)) fail(ErrorKind::source, "not a directory", {dir.string(), 0, 0, ""});
}

void write_fully(int fd, std::string_view content, const std::filesystem::path& file) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) fail_on(file, "cannot write the file", written < 0 ? errno : EIO);
    content.remove_prefix(static_cast<std::size_t>(written));
  }
}

void replace_private_file(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (fd.get() < 0) fail_on(temporary, "cannot create the file", errno);
    // A temporary left by a crashed writer may have been created under a looser umask.
    if (::fchmod(fd.get(), 0600) != 0) fail_on(temporary, "cannot restrict the file's mode", errno);
    write_fully(fd.get(), content, temporary);
    if (::fsync(fd.get()) != 0) fail_on(temporary, "cannot sync the file", errno);
    if (fd.close() != 0) fail_on(temporary, "cannot close the file", errno);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(temporary.c_str());
    fail_on(path, "cannot move the written file into place", error_number);
  }
  fsync_directory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
}

std::optional<std::string> read_file_if_present(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    fail_on(path, "cannot open the file", errno);
  }
  std::string content;
  char buffer[8192];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail_on(path, "cannot read the file", errno);
    if (got == 0) break;
    content.append(buffer, static_cast<std::size_t>(got));
  }
  return content;
}

void remove_file_if_present(const std::filesystem::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail_on(path, "cannot remove the file", errno);
}

}  // namespace bellwether::intent::detail
