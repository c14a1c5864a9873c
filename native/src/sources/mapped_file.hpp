#pragma once
// A whole file as a string_view: memory-mapped when it is a regular file (no copy of a large
// metrics CSV), read into memory otherwise (pipes, /dev/stdin).
#include <string>
#include <string_view>

namespace bellwether::sources {

class MappedFile {
 public:
  explicit MappedFile(const std::string& path);  // Error(source) when unreadable
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view text() const noexcept { return text_; }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string buffer_;
  std::string_view text_;
};

}  // namespace bellwether::sources
