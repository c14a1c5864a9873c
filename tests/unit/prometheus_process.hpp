#pragma once
// A real Prometheus (Debian's package) for one test, through tests/integration/
// prometheus_fixture.sh: filled from an OpenMetrics file by promtool, optionally behind a web
// config (basic auth), and stopped when this object closes the fixture's stdin.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

class PrometheusProcess {
 public:
  explicit PrometheusProcess(const std::filesystem::path& openmetrics, const std::filesystem::path& web_config = {}) {
    int to_child[2], from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> arguments = {"/bin/bash", script().string(), openmetrics.string()};
    if (!web_config.empty()) arguments.push_back(web_config.string());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // the fixture stops Prometheus if the test binary dies
      ::dup2(to_child[0], STDIN_FILENO);
      ::dup2(from_child[1], STDOUT_FILENO);
      for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) ::close(fd);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    stdin_ = to_child[1];
    url_ = first_line(from_child[0]);
    ::close(from_child[0]);
    if (url_.rfind("http://", 0) != 0) {
      stop();
      throw std::runtime_error("the Prometheus fixture did not start (its stderr says why)");
    }
  }

  ~PrometheusProcess() { stop(); }

  PrometheusProcess(const PrometheusProcess&) = delete;
  PrometheusProcess& operator=(const PrometheusProcess&) = delete;

  const std::string& url() const { return url_; }

 private:
  static std::filesystem::path script() {
    return std::filesystem::path(BELLWETHER_TEST_DATA_DIR).parent_path() / "integration" / "prometheus_fixture.sh";
  }

  // The URL line, or "" when the fixture exits without one.
  static std::string first_line(int fd) {
    std::string line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
    return line;
  }

  void stop() {
    if (stdin_ >= 0) {
      ::close(stdin_);
      stdin_ = -1;
    }
    if (pid_ > 0) {
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  std::string url_;
};
