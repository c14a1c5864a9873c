#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/files.hpp"

namespace bellwether {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::string file = path.string();
  const std::string temporary = file + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      fail(ErrorKind::source, "cannot write the file", {file, 0, 0, ""});
    }
  }
  if (std::rename(temporary.c_str(), file.c_str()) != 0) {
    std::remove(temporary.c_str());
    fail(ErrorKind::source, "cannot move the written file into place", {file, 0, 0, ""});
  }
}

}  // namespace bellwether
