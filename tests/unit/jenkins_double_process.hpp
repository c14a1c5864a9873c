#pragma once
// Runs the Jenkins test double (tests/doubles/jenkins_double.py) as a child process on a free
// loopback port for the lifetime of one object, and reads what it recorded.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bellwether/http.hpp"

class JenkinsDoubleProcess {
 public:
  explicit JenkinsDoubleProcess(const std::vector<std::string>& options) {
    static int started = 0;
    port_file_ = std::filesystem::temp_directory_path() /
                 ("bellwether-jenkins-double-" + std::to_string(::getpid()) + "-" + std::to_string(++started) + ".port");
    std::filesystem::remove(port_file_);
    std::vector<std::string> arguments = {"/usr/bin/python3", script().string(), "--port", "0", "--port-file",
                                          port_file_.string()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned double if the test binary dies
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    wait_for_port();
  }

  ~JenkinsDoubleProcess() { stop(); }

  JenkinsDoubleProcess(const JenkinsDoubleProcess&) = delete;
  JenkinsDoubleProcess& operator=(const JenkinsDoubleProcess&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Every request the double received: [{method, path, headers, body}].
  nlohmann::json requests() const { return control("/_double/requests"); }

  // Every queue item it created: [{id, job, params, left, cancelled, build}].
  nlohmann::json queue() const { return control("/_double/queue"); }

  // The recorded requests with this method whose path starts with `prefix`.
  nlohmann::json requests_to(const std::string& method, const std::string& prefix) const {
    nlohmann::json matching = nlohmann::json::array();
    for (const auto& request : requests()) {
      if (request["method"] == method && request["path"].get<std::string>().rfind(prefix, 0) == 0) matching.push_back(request);
    }
    return matching;
  }

 private:
  static std::filesystem::path script() {
    return std::filesystem::path(BELLWETHER_TEST_DATA_DIR).parent_path() / "doubles" / "jenkins_double.py";
  }

  // Startup, not the behaviour under test, is what this waits for; the bound is generous.
  void wait_for_port() {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < give_up) {
      std::ifstream in(port_file_);
      if (in >> port_ && port_ > 0) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        stop();
        throw std::runtime_error("the Jenkins double exited before listening (status " + std::to_string(status) + ")");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    throw std::runtime_error("the Jenkins double did not write its port file " + port_file_.string());
  }

  void stop() {
    if (pid_ > 0) {  // never kill(-1, ...): that would signal every process we may signal
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    std::error_code ignored;
    std::filesystem::remove(port_file_, ignored);
  }

  nlohmann::json control(const std::string& path) const {
    bellwether::http::Request request;
    request.url = url() + path;
    return nlohmann::json::parse(bellwether::http::get(request).body);
  }

  std::filesystem::path port_file_;
  pid_t pid_ = -1;
  int port_ = 0;
};
