#pragma once
// Jenkins REST client for ChatOps: trigger a job (folders allowed) with parameters, follow its
// queue item to the build, read the build's state and stream its console. Authenticates with
// HTTP basic user:API-token in the Authorization header only; the token comes from the
// environment or a file, never from argv, and never appears in a message or a dry-run answer.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace bellwether::jenkins {

struct Settings {
  std::string url;    // base URL, may carry a context path (https://ci.example.com/jenkins)
  std::string user;   // empty with an empty token: anonymous
  std::string token;  // API token; never logged
  std::string ca_file;
  double timeout_seconds = 10;  // per HTTP request
  int retries = 3;              // extra attempts; a trigger is repeated only when it cannot have arrived
  double poll_interval_seconds = 2;
};

// URL from `url_override` or $JENKINS_URL; user from $JENKINS_USER; token from $JENKINS_API_TOKEN
// or else the file named by $JENKINS_API_TOKEN_FILE (e.g. a mounted secret; the trailing newline
// is dropped). Throws Error(config) naming the variable to set when the URL is missing, or when
// only one of user and token is given.
Settings settings_from_environment(const std::string& url_override);

// "platform/k8s/create-namespace" -> "/job/platform/job/k8s/job/create-namespace", each segment
// percent-encoded. Throws Error(config) for an empty name, an empty segment, "." or "..".
std::string job_path(const std::string& jenkins_job);

using Parameters = std::vector<std::pair<std::string, std::string>>;

// The exact request `Client::trigger` sends first, with the secret masked, for --dry-run:
// {method, url, headers:{Authorization: "Basic ****", Content-Type}, body}. Parameters travel
// form-encoded in the body (never in the URL, so they stay out of access logs); a job without
// parameters is triggered with /build.
nlohmann::json describe_trigger(const Settings& settings, const std::string& jenkins_job, const Parameters& params);

struct QueueItem {
  long id = 0;
  std::string url;              // Jenkins' Location for the item
  bool already_queued = false;  // an identical item was waiting already (303): no new build
};

struct QueueState {
  bool cancelled = false;
  std::string why;  // Jenkins' reason for waiting, "" once the item left the queue
  std::optional<long> build_number;
  std::string build_url;
};

struct BuildState {
  long number = 0;
  std::optional<std::string> result;  // SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT; CANCELLED
                                      // when the queue item was cancelled before it started
  bool building = false;
  std::string url;
  long duration_ms = 0;
};

struct ConsoleChunk {
  std::string text;
  long next_offset = 0;  // where the next read starts (bytes)
  bool more = false;     // the build may still write
};

// One client per conversation or pipeline step; not safe to share between threads (it keeps the
// CSRF crumb and its session cookie once Jenkins asked for them). Every method throws
// Error(http) with a message a person can act on: refused credentials (naming the user, never
// the token), an unknown job, a disabled job, or Jenkins' status and the first line of its answer.
class Client {
 public:
  explicit Client(Settings settings);

  // POSTs buildWithParameters (or build). Never repeated once it may have reached Jenkins, so
  // a flaky network cannot start a deploy twice.
  QueueItem trigger(const std::string& jenkins_job, const Parameters& params);

  QueueState queue_item(long id);
  BuildState build(const std::string& jenkins_job, long number);
  ConsoleChunk console(const std::string& jenkins_job, long number, long offset);

  // Waits for the queue item to start (a cancelled item returns result CANCELLED), then polls
  // the build every poll_interval_seconds until it has a result, handing each new piece of
  // console text to `progress` as it arrives (the pieces concatenate to the whole log). Throws
  // Error(http) when the item is gone from the queue (Jenkins forgets left items after five
  // minutes) or when the build has not finished within `timeout_seconds`.
  BuildState follow(const std::string& jenkins_job, const QueueItem& item,
                    const std::function<void(const std::string& event)>& progress, double timeout_seconds);

 private:
  struct Crumb {
    std::string header;  // crumbRequestField, normally Jenkins-Crumb
    std::string value;
    std::string cookie;  // name=value of the session the crumb belongs to; may be empty
  };

  void fetch_crumb();

  Settings settings_;
  std::optional<Crumb> crumb_;
};

}  // namespace bellwether::jenkins
