#pragma once
// The change-level features of just-in-time defect prediction (Kamei et al. 2013) for a git
// range A..B, taken as one change, plus dependency bumps found in manifest files. The answer
// is a changes.json object (see README for each feature's exact definition).
#include <string>

#include <nlohmann/json.hpp>

namespace bellwether::risk {

// Throws Error(input) for a range that is not A..B, an unknown revision, an empty range or a
// directory that is not a repository; Error(source) when git cannot be run.
nlohmann::json git_change_features(const std::string& repository, const std::string& range);

// "name old -> new" for every dependency whose version changes in a unified diff of manifest
// files (package.json, vcpkg.json, requirements*.txt, go.mod, Cargo.toml, pom.xml,
// conanfile.txt/py, CMakeLists.txt). Exposed for tests.
std::vector<std::string> dependency_bumps_in_diff(const std::string& unified_diff);

}  // namespace bellwether::risk
