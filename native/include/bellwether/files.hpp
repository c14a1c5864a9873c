#pragma once
#include <filesystem>
#include <string_view>

namespace bellwether {

// Writes the whole content next to `path` and renames it into place, so a reader sees the old
// file or the new one, never half of one. Throws Error(source) naming the file.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace bellwether
