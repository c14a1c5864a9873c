#pragma once
// File primitives for state that belongs to one user: private directories, durable atomic
// replacement, and reads that tell "absent" from "unreadable".
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bellwether::intent::detail {

// Creates `dir` and every missing parent with mode 0700 (existing ones are left as they are).
// Throws Error(source) naming the directory that could not be made.
void create_private_directories(const std::filesystem::path& dir);

// Replaces `path` with `content` (mode 0600): written to `path`.tmp, fsynced, renamed into
// place, and the directory fsynced, so a reader or a crash sees the old content or the new.
// The caller must hold a lock that keeps other writers of `path` out.
void replace_private_file(const std::filesystem::path& path, std::string_view content);

// The whole file, or nullopt when it does not exist. Throws Error(source) when it cannot be read.
std::optional<std::string> read_file_if_present(const std::filesystem::path& path);

// Removes the file if it is there. Throws Error(source) when it cannot be removed.
void remove_file_if_present(const std::filesystem::path& path);

// write() until everything is written (or throws Error(source) naming `file`).
void write_fully(int fd, std::string_view content, const std::filesystem::path& file);

}  // namespace bellwether::intent::detail
