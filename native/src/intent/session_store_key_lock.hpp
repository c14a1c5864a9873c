#pragma once
// An exclusive flock on a per-key lock file, held across processes and threads (every holder
// opens its own descriptor, so threads of one process exclude each other too).
#include <filesystem>

namespace bellwether::intent::detail {

class KeyLock {
 public:
  // Blocks until the lock on `lock_file` (created 0600 when missing) is held.
  explicit KeyLock(std::filesystem::path lock_file);
  // Takes the lock only if it is free right now; otherwise the result is not held().
  static KeyLock try_lock(std::filesystem::path lock_file);
  KeyLock(KeyLock&& other) noexcept;
  KeyLock& operator=(KeyLock&&) = delete;
  KeyLock(const KeyLock&) = delete;
  KeyLock& operator=(const KeyLock&) = delete;
  ~KeyLock();

  bool held() const { return fd_ >= 0; }
  // Deletes the lock file while still holding it, then releases: waiters holding the old
  // file notice it is gone and start over on a new one, so lock files do not pile up.
  void remove_and_release();

 private:
  KeyLock(std::filesystem::path lock_file, bool wait);
  std::filesystem::path file_;
  int fd_ = -1;
};

}  // namespace bellwether::intent::detail
