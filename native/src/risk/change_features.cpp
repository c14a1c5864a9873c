// Kamei et al. (2013) change features of a git range A..B, computed from `git log`/`git diff`
// output. The range is one change: its net diff gives the size and diffusion features, its
// commit messages FIX, and the history reachable from A the history and experience features.
#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "bellwether/change_features.hpp"
#include "bellwether/error.hpp"
#include "risk/git_repository.hpp"

namespace bellwether::risk {
namespace {

constexpr double kDay = 86400;

std::vector<std::string> split_on(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, separator)) out.push_back(item);
  return out;
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}
std::string subsystem_of(const std::string& path) {
  const auto slash = path.find('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

struct FileChurn {
  double added = 0, deleted = 0;
};

// `git diff --numstat` lines: added<TAB>deleted<TAB>path ("-" for binary files).
std::map<std::string, FileChurn> numstat(const std::string& text) {
  std::map<std::string, FileChurn> files;
  for (const auto& line : split_on(text, '\n')) {
    const auto parts = split_on(line, '\t');
    if (parts.size() < 3) continue;
    FileChurn c;
    if (parts[0] != "-") c.added = std::stod(parts[0]);
    if (parts[1] != "-") c.deleted = std::stod(parts[1]);
    files[parts[2]] = c;
  }
  return files;
}

std::pair<std::string, std::string> parse_range(const std::string& range) {
  const auto dots = range.find("..");
  if (dots == std::string::npos || range.find("...") != std::string::npos) {
    fail(ErrorKind::input, "expected a range A..B, got \"" + range + "\"", {"", 0, 0, "--git"});
  }
  const std::string a = range.substr(0, dots), b = range.substr(dots + 2);
  for (const auto& rev : {a, b}) {
    // A revision starting with '-' would be read by git as an option.
    if (rev.empty() || rev.front() == '-') fail(ErrorKind::input, "expected a range A..B, got \"" + range + "\"", {"", 0, 0, "--git"});
  }
  return {a, b};
}

bool is_manifest(const std::string& path) {
  const auto slash = path.rfind('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return base == "package.json" || base == "vcpkg.json" || base == "go.mod" || base == "Cargo.toml" ||
         base == "pom.xml" || base == "conanfile.txt" || base == "conanfile.py" || base == "CMakeLists.txt" ||
         (base.rfind("requirements", 0) == 0 && base.size() > 4 && base.substr(base.size() - 4) == ".txt");
}

}  // namespace

nlohmann::json git_change_features(const std::string& directory, const std::string& range) {
  const git::Repository repo(directory);
  const auto [from_rev, to_rev] = parse_range(range);
  auto resolve = [&](const std::string& rev) {
    std::string hash = repo.run({"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"});
    while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
    return hash;
  };
  const std::string a = resolve(from_rev), b = resolve(to_rev);

  // The commits of the range, newest first: author, time, message.
  const std::string log = repo.run({"log", "--no-merges", "--format=%x1e%H%x1f%ae%x1f%at%x1f%B", a + ".." + b});
  struct Commit { std::string hash, author; double time = 0; std::string message; };
  std::vector<Commit> commits;
  for (const auto& record : split_on(log, '\x1e')) {
    const auto fields = split_on(record, '\x1f');
    if (fields.size() < 3) continue;
    commits.push_back({fields[0], fields[1], std::stod(fields[2]), fields.size() > 3 ? fields[3] : ""});
  }
  if (commits.empty()) fail(ErrorKind::input, "the range " + range + " has no commits (besides merges)", {directory, 0, 0, "--git"});
  const std::string author = commits.front().author;
  const double change_time = commits.front().time;
  static const std::regex fix_words(R"(\b(fix(e[sd])?|bug|defect|patch|fault|crash|regression|hotfix)\b)", std::regex::icase);
  bool fix = false;
  for (const auto& c : commits) fix = fix || std::regex_search(c.message, fix_words);

  // Size and diffusion from the net diff of the range.
  const auto churn = numstat(repo.run({"diff", "--numstat", "--no-renames", a, b}));
  std::set<std::string> directories, subsystems;
  double la = 0, ld = 0;
  std::vector<std::string> paths;
  for (const auto& [path, c] : churn) {
    paths.push_back(path);
    directories.insert(directory_of(path));
    subsystems.insert(subsystem_of(path));
    la += c.added;
    ld += c.deleted;
  }
  double entropy = 0;
  if (la + ld > 0) {
    for (const auto& [path, c] : churn) {
      const double p = (c.added + c.deleted) / (la + ld);
      if (p > 0) entropy -= p * std::log2(p);
    }
  }

  // LT: lines of the touched files at A, as the numstat of A against the empty tree.
  double lt = 0;
  if (!paths.empty()) {
    std::string empty_tree = repo.run({"hash-object", "-t", "tree", "/dev/null"});
    while (!empty_tree.empty() && empty_tree.back() == '\n') empty_tree.pop_back();
    std::vector<std::string> args = {"diff", "--numstat", "--no-renames", empty_tree, a, "--"};
    args.insert(args.end(), paths.begin(), paths.end());
    for (const auto& [path, c] : numstat(repo.run(args))) lt += c.added;
  }

  // History before the change: every commit reachable from A.
  const std::string history = repo.run({"log", "--no-merges", "--format=%x1e%H%x1f%ae%x1f%at", "--name-only", a});
  const std::set<std::string> touched(paths.begin(), paths.end());
  std::map<std::string, std::pair<double, std::string>> last_change;  // file -> (time, commit)
  std::set<std::string> developers;
  double exp = 0, rexp = 0, sexp = 0;
  for (const auto& record : split_on(history, '\x1e')) {
    const auto lines = split_on(record, '\n');
    if (lines.empty()) continue;
    const auto header = split_on(lines.front(), '\x1f');
    if (header.size() < 3) continue;
    const std::string& hash = header[0];
    const std::string& who = header[1];
    const double when = std::stod(header[2]);
    bool in_subsystem = false;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const std::string& file = lines[i];
      if (file.empty()) continue;
      if (touched.count(file)) {
        developers.insert(who);
        last_change.try_emplace(file, when, hash);  // the log is newest first
      }
      in_subsystem = in_subsystem || subsystems.count(subsystem_of(file)) > 0;
    }
    if (who == author) {
      exp += 1;
      rexp += 1 / (std::floor(std::max(0.0, change_time - when) / (365.25 * kDay)) + 1);
      if (in_subsystem) sexp += 1;
    }
  }
  double age = 0;
  std::set<std::string> unique_last;
  for (const auto& [file, last] : last_change) {
    age += std::max(0.0, change_time - last.first) / kDay;
    unique_last.insert(last.second);
  }
  if (!last_change.empty()) age /= static_cast<double>(last_change.size());

  std::vector<std::string> manifests;
  for (const auto& p : paths) {
    if (is_manifest(p)) manifests.push_back(p);
  }
  std::vector<std::string> bumps;
  if (!manifests.empty()) {
    std::vector<std::string> args = {"diff", "-U3", "--no-renames", a, b, "--"};
    args.insert(args.end(), manifests.begin(), manifests.end());
    bumps = dependency_bumps_in_diff(repo.run(args));
  }

  return {{"range", range},
          {"commits", commits.size()},
          {"author", author},
          {"ns", subsystems.size()},
          {"nd", directories.size()},
          {"nf", churn.size()},
          {"entropy", entropy},
          {"la", la},
          {"ld", ld},
          {"lt", lt},
          {"fix", fix ? 1 : 0},
          {"ndev", developers.size()},
          {"age", age},
          {"nuc", unique_last.size()},
          {"exp", exp},
          {"rexp", rexp},
          {"sexp", sexp},
          {"dependency_bumps", bumps}};
}

}  // namespace bellwether::risk
