// Dependency bumps from a unified diff of manifest files: a removed and an added line that name
// the same package with different versions. Each manifest format has its own line shape.
#include <map>
#include <regex>
#include <sstream>

#include "bellwether/change_features.hpp"

namespace bellwether::risk {
namespace {

struct Declared {
  std::string name, version;
};

std::string basename_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The (name, version) a manifest line declares, if any. `context` is the last artifactId seen
// (pom.xml puts the version on its own line).
bool declared(const std::string& file, const std::string& line, const std::string& context, Declared& out) {
  static const std::regex json_entry(R"re(^\s*"([^"]+)"\s*:\s*"([~^<>=]*\s*\d[^"]*)"\s*,?\s*$)re");
  static const std::regex requirement(R"(^\s*([A-Za-z0-9_.\-\[\]]+)\s*(==|>=|~=|<=|>|<)\s*([0-9][^\s;#,]*))");
  static const std::regex go_require(R"(^\s*(?:require\s+)?([a-zA-Z0-9.\-_/]+\.[a-z]+/[^\s]+)\s+(v[0-9][^\s]*))");
  static const std::regex toml_entry(R"re(^\s*([A-Za-z0-9_\-]+)\s*=\s*(?:"([0-9][^"]*)"|\{[^}]*version\s*=\s*"([0-9][^"]*)"))re");
  static const std::regex pom_version(R"(^\s*<version>\s*([^<\s]+)\s*</version>)");
  static const std::regex conan_ref(R"(^\s*"?([A-Za-z0-9_.\-+]+)/([0-9][A-Za-z0-9_.\-+]*)(?:@[^"\s]*)?"?)");
  static const std::regex cmake_package(R"(find_package\s*\(\s*([A-Za-z0-9_]+)\s+([0-9][0-9.]*))");
  static const std::regex cmake_tag(R"(GIT_TAG\s+(v?[0-9][A-Za-z0-9_.\-]*))");
  std::smatch m;
  const std::string base = basename_of(file);
  if (base == "package.json" || base == "vcpkg.json") {
    if (!std::regex_match(line, m, json_entry)) return false;
    if (m[1] == "version") return false;  // the project's own version, not a dependency
    out = {m[1], m[2]};
    return true;
  }
  if (base.rfind("requirements", 0) == 0 && base.size() > 4 && base.substr(base.size() - 4) == ".txt") {
    if (!std::regex_search(line, m, requirement)) return false;
    out = {m[1], m[3]};
    return true;
  }
  if (base == "go.mod") {
    if (!std::regex_search(line, m, go_require)) return false;
    out = {m[1], m[2]};
    return true;
  }
  if (base == "Cargo.toml") {
    if (!std::regex_search(line, m, toml_entry) || m[1] == "version") return false;
    out = {m[1], m[2].matched ? m[2].str() : m[3].str()};
    return true;
  }
  if (base == "pom.xml") {
    if (context.empty() || !std::regex_search(line, m, pom_version)) return false;
    out = {context, m[1]};
    return true;
  }
  if (base == "conanfile.txt" || base == "conanfile.py") {
    if (!std::regex_search(line, m, conan_ref)) return false;
    out = {m[1], m[2]};
    return true;
  }
  if (base == "CMakeLists.txt") {
    if (std::regex_search(line, m, cmake_package)) {
      out = {m[1], m[2]};
      return true;
    }
    if (std::regex_search(line, m, cmake_tag)) {
      out = {context.empty() ? "GIT_TAG" : context, m[1]};
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> dependency_bumps_in_diff(const std::string& diff) {
  static const std::regex artifact(R"(<artifactId>\s*([^<\s]+)\s*</artifactId>)");
  static const std::regex fetch_name(R"(FetchContent_Declare\s*\(\s*([A-Za-z0-9_\-]+))");
  std::vector<std::string> bumps;
  std::string file, context;
  std::map<std::string, std::string> removed;  // name -> old version, within the current file
  std::vector<std::pair<std::string, std::string>> added;
  auto flush = [&] {
    for (const auto& [name, version] : added) {
      const auto it = removed.find(name);
      if (it != removed.end() && it->second != version) bumps.push_back(name + " " + it->second + " -> " + version);
    }
    removed.clear();
    added.clear();
  };
  std::istringstream in(diff);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("+++ ", 0) == 0) {
      flush();
      file = line.substr(4);
      if (file.rfind("b/", 0) == 0) file = file.substr(2);
      context.clear();
      continue;
    }
    if (line.rfind("--- ", 0) == 0 || line.rfind("diff ", 0) == 0 || line.rfind("@@", 0) == 0 || line.empty()) continue;
    const char sign = line[0];
    const std::string body = line.substr(1);
    std::smatch m;
    if (std::regex_search(body, m, artifact) || std::regex_search(body, m, fetch_name)) context = m[1];
    Declared d;
    if ((sign == '-' || sign == '+') && declared(file, body, context, d)) {
      if (sign == '-') removed[d.name] = d.version;
      else added.emplace_back(d.name, d.version);
    }
  }
  flush();
  return bumps;
}

}  // namespace bellwether::risk
