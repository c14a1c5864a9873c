#include <fstream>

#include "bellwether/error.hpp"
#include "bellwether/json.hpp"

namespace bellwether {

nlohmann::json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) fail(ErrorKind::source, "cannot open the file", {path.string(), 0, 0, ""});
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    fail(ErrorKind::input, std::string("malformed JSON: ") + e.what(), {path.string(), 0, 0, ""});
  }
}

}  // namespace bellwether
