#include "bellwether/error.hpp"
#include "bellwether/http.hpp"
#include "bellwether/jenkins.hpp"

namespace bellwether::jenkins {

std::string job_path(const std::string& jenkins_job) {
  if (jenkins_job.empty()) fail(ErrorKind::config, "empty Jenkins job name");
  std::string path;
  std::size_t start = 0;
  for (;;) {
    const auto slash = jenkins_job.find('/', start);
    const std::string segment = jenkins_job.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    // "." and ".." would be resolved by the server or a proxy and reach another job.
    if (segment.empty() || segment == "." || segment == "..") {
      fail(ErrorKind::config, "Jenkins job \"" + jenkins_job + "\": folder path segments must not be empty, \".\" or \"..\"");
    }
    path += "/job/" + http::url_encode(segment);
    if (slash == std::string::npos) return path;
    start = slash + 1;
  }
}

}  // namespace bellwether::jenkins
