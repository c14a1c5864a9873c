#pragma once
// Read-only access to a git repository through the git executable, run with an argument
// vector (never a shell), so a revision or path can never be interpreted as a command.
#include <string>
#include <vector>

namespace bellwether::risk::git {

class Repository {
 public:
  explicit Repository(std::string directory) : directory_(std::move(directory)) {}
  // Runs `git -C <dir> <args...>` and returns its stdout. Throws Error(input) with git's own
  // message when git fails (unknown revision, not a repository), Error(source) when git
  // cannot be started.
  std::string run(const std::vector<std::string>& args) const;
  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
};

}  // namespace bellwether::risk::git
