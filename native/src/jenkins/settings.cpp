#include <cstdlib>
#include <fstream>
#include <sstream>

#include "bellwether/error.hpp"
#include "bellwether/jenkins.hpp"

namespace bellwether::jenkins {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// A mounted secret usually ends with a newline that is not part of the token.
std::string token_from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::config, "cannot read the Jenkins API token file named by JENKINS_API_TOKEN_FILE: " + path);
  std::ostringstream content;
  content << in.rdbuf();
  std::string token = content.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.empty()) fail(ErrorKind::config, "the Jenkins API token file named by JENKINS_API_TOKEN_FILE is empty: " + path);
  return token;
}

void check_url(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    fail(ErrorKind::config, "the Jenkins URL must start with http:// or https://");
  }
  // Credentials in a URL end up in logs and process listings; the URL is not echoed for the
  // same reason.
  const auto authority_end = url.find('/', url.find("://") + 3);
  if (url.substr(0, authority_end).find('@') != std::string::npos) {
    fail(ErrorKind::config, "the Jenkins URL must not carry credentials: set JENKINS_USER and JENKINS_API_TOKEN instead");
  }
}

}  // namespace

Settings settings_from_environment(const std::string& url_override) {
  Settings settings;
  settings.url = url_override.empty() ? environment("JENKINS_URL") : url_override;
  if (settings.url.empty()) fail(ErrorKind::config, "no Jenkins URL: set JENKINS_URL (or pass --jenkins URL)");
  check_url(settings.url);
  settings.user = environment("JENKINS_USER");
  settings.token = environment("JENKINS_API_TOKEN");
  if (settings.token.empty()) {
    if (const auto file = environment("JENKINS_API_TOKEN_FILE"); !file.empty()) settings.token = token_from_file(file);
  }
  if (!settings.token.empty() && settings.user.empty()) {
    fail(ErrorKind::config, "a Jenkins API token is set but no user: set JENKINS_USER");
  }
  if (settings.token.empty() && !settings.user.empty()) {
    fail(ErrorKind::config, "JENKINS_USER is set but no API token: set JENKINS_API_TOKEN or JENKINS_API_TOKEN_FILE");
  }
  return settings;
}

}  // namespace bellwether::jenkins
