// The Jenkins REST client: job paths, the dry-run description, and every exchange with Jenkins
// (trigger, crumb, retries, errors, following a build) against the Jenkins test double, which
// records exactly what was sent.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "bellwether/error.hpp"
#include "bellwether/jenkins.hpp"
#include "jenkins_double_process.hpp"

using namespace bellwether;
using namespace bellwether::jenkins;

namespace {

const std::string kJob = "platform/k8s/create-namespace";
const std::string kJobPath = "/job/platform/job/k8s/job/create-namespace";
const std::string kToken = "s3cr3t-token-7f9a";
const std::string kAuthorization = "Basic YWxpY2U6czNjcjN0LXRva2VuLTdmOWE=";  // base64("alice:s3cr3t-token-7f9a")
const Parameters kParams = {{"namespace", "payments"}, {"cluster", "aks-prod-01"}};

std::vector<std::string> double_options(std::vector<std::string> extra = {}) {
  std::vector<std::string> options = {"--user", "alice", "--token", kToken, "--jobs", kJob + ",solo"};
  options.insert(options.end(), extra.begin(), extra.end());
  return options;
}

Settings settings_for(const JenkinsDoubleProcess& jenkins, const std::string& token = kToken) {
  Settings settings;
  settings.url = jenkins.url() + "/";
  settings.user = "alice";
  settings.token = token;
  settings.poll_interval_seconds = 0.001;  // the double advances per poll, not with time
  return settings;
}

// The message of the Error(http) that `action` throws, or "no error".
template <typename Action>
std::string http_error_of(Action action) {
  try {
    action();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::http);
    return e.what();
  }
  return "no error";
}

template <typename Action>
std::string config_error_of(Action action) {
  try {
    action();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    return e.what();
  }
  return "no error";
}

// Sets environment variables for one test and restores them afterwards.
class ScopedEnvironment {
 public:
  void set(const std::string& name, const std::optional<std::string>& value) {
    if (!saved_.count(name)) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value) {
      ::setenv(name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
  ~ScopedEnvironment() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

}  // namespace

TEST(JenkinsJobPath, FoldersNestAsJobSegments) {
  EXPECT_EQ(job_path("platform/k8s/create-namespace"), "/job/platform/job/k8s/job/create-namespace");
  EXPECT_EQ(job_path("solo"), "/job/solo");
}

TEST(JenkinsJobPath, SegmentsArePercentEncoded) {
  EXPECT_EQ(job_path("team a/deploy #2"), "/job/team%20a/job/deploy%20%232");
  EXPECT_EQ(job_path("x?y=1&z/%"), "/job/x%3Fy%3D1%26z/job/%25");
  EXPECT_EQ(job_path("d\xC3\xA9ploiement"), "/job/d%C3%A9ploiement");
}

TEST(JenkinsJobPath, RejectsEmptyAndDotSegments) {
  for (const std::string bad : {"/a", "a/", "a//b", ".", "a/./b", "..", "a/../b"}) {
    EXPECT_NE(config_error_of([&] { job_path(bad); }).find("must not be empty, \".\" or \"..\""), std::string::npos)
        << bad;
  }
  EXPECT_EQ(config_error_of([] { job_path(""); }), "empty Jenkins job name");
}

TEST(JenkinsSettings, ReadsTheTokenFileAndNeedsAUrl) {
  ScopedEnvironment environment;
  const auto token_file = std::filesystem::temp_directory_path() / ("bellwether-jenkins-token-" + std::to_string(::getpid()));
  std::ofstream(token_file) << "file-token-42\n";
  environment.set("JENKINS_URL", "https://ci.example.com/jenkins");
  environment.set("JENKINS_USER", "deployer");
  environment.set("JENKINS_API_TOKEN", std::nullopt);
  environment.set("JENKINS_API_TOKEN_FILE", token_file.string());

  const auto settings = settings_from_environment("");
  EXPECT_EQ(settings.url, "https://ci.example.com/jenkins");
  EXPECT_EQ(settings.user, "deployer");
  EXPECT_EQ(settings.token, "file-token-42");
  EXPECT_EQ(settings_from_environment("http://other:8080").url, "http://other:8080");

  environment.set("JENKINS_API_TOKEN", "variable-token");  // the variable wins over the file
  EXPECT_EQ(settings_from_environment("").token, "variable-token");

  environment.set("JENKINS_URL", std::nullopt);
  EXPECT_EQ(config_error_of([] { settings_from_environment(""); }), "no Jenkins URL: set JENKINS_URL (or pass --jenkins URL)");

  environment.set("JENKINS_USER", std::nullopt);
  EXPECT_EQ(config_error_of([] { settings_from_environment("http://ci"); }),
            "a Jenkins API token is set but no user: set JENKINS_USER");
  const std::string with_credentials = config_error_of([] { settings_from_environment("https://bob:hunter2@ci"); });
  EXPECT_NE(with_credentials.find("must not carry credentials"), std::string::npos);
  EXPECT_EQ(with_credentials.find("hunter2"), std::string::npos);
  std::filesystem::remove(token_file);
}

TEST(JenkinsDescribeTrigger, IsTheExactRequestWithTheSecretMasked) {
  Settings settings;
  settings.url = "https://ci.example.com/jenkins/";
  settings.user = "alice";
  settings.token = kToken;
  const auto described = describe_trigger(settings, kJob, {{"namespace", "payments"}, {"cluster", "aks-prod-01"}});
  EXPECT_EQ(described, nlohmann::json::parse(R"({
    "method": "POST",
    "url": "https://ci.example.com/jenkins/job/platform/job/k8s/job/create-namespace/buildWithParameters",
    "headers": {"Authorization": "Basic ****", "Content-Type": "application/x-www-form-urlencoded"},
    "body": "namespace=payments&cluster=aks-prod-01"})"));
  EXPECT_EQ(described.dump().find(kToken), std::string::npos);

  const auto encoded = describe_trigger(settings, "solo", {{"note", "a b&c=d"}, {"emoji", "\xE2\x9C\x93"}});
  EXPECT_EQ(encoded["body"], "note=a%20b%26c%3Dd&emoji=%E2%9C%93");
}

TEST(JenkinsDescribeTrigger, AJobWithoutParametersUsesBuild) {
  Settings anonymous;
  anonymous.url = "http://ci:8080";
  EXPECT_EQ(describe_trigger(anonymous, "solo", {}), nlohmann::json::parse(R"({
    "method": "POST", "url": "http://ci:8080/job/solo/build",
    "headers": {"Content-Type": "application/x-www-form-urlencoded"}, "body": ""})"));
}

TEST(JenkinsClient, TriggerQueuesAnItemAndSendsTheTokenOnlyInAuthorization) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins));
  const auto item = client.trigger(kJob, kParams);
  EXPECT_EQ(item.id, 1);
  EXPECT_EQ(item.url, jenkins.url() + "/queue/item/1/");
  EXPECT_FALSE(item.already_queued);

  const auto requests = jenkins.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["method"], "POST");
  EXPECT_EQ(requests[0]["path"], kJobPath + "/buildWithParameters");
  EXPECT_EQ(requests[0]["body"], "namespace=payments&cluster=aks-prod-01");
  EXPECT_EQ(requests[0]["headers"]["Content-Type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[0]["headers"]["Authorization"], kAuthorization);
  for (const auto& [name, value] : requests[0]["headers"].items()) {
    if (name != "Authorization") {
      EXPECT_EQ(value.get<std::string>().find(kToken), std::string::npos) << name;
    }
  }
  EXPECT_EQ(requests[0]["path"].get<std::string>().find(kToken), std::string::npos);
  EXPECT_EQ(requests[0]["body"].get<std::string>().find(kToken), std::string::npos);

  const auto queue = jenkins.queue();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0]["job"], kJob);
  EXPECT_EQ(queue[0]["params"], nlohmann::json::parse(R"({"namespace": "payments", "cluster": "aks-prod-01"})"));
}

TEST(JenkinsClient, AJobWithoutParametersIsTriggeredWithBuild) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins));
  EXPECT_EQ(client.trigger("solo", {}).id, 1);
  const auto posts = jenkins.requests_to("POST", "/");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0]["path"], "/job/solo/build");
  EXPECT_EQ(posts[0]["body"], "");
}

TEST(JenkinsClient, AnIdenticalTriggerJoinsTheQueuedItem) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins));
  const auto first = client.trigger(kJob, kParams);
  const auto again = client.trigger(kJob, kParams);
  EXPECT_TRUE(again.already_queued);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(jenkins.queue().size(), 1u);

  const auto other = client.trigger(kJob, {{"namespace", "billing"}, {"cluster", "aks-prod-01"}});
  EXPECT_FALSE(other.already_queued);
  EXPECT_NE(other.id, first.id);
  EXPECT_EQ(jenkins.queue().size(), 2u);
}

TEST(JenkinsClient, FetchesACrumbWhenJenkinsAsksForOne) {
  JenkinsDoubleProcess jenkins(double_options({"--require-crumb"}));
  Client client(settings_for(jenkins));
  EXPECT_EQ(client.trigger(kJob, kParams).id, 1);
  EXPECT_EQ(client.trigger("solo", {}).id, 2);  // the crumb is kept for the next POST

  const auto requests = jenkins.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0]["method"], "POST");  // refused: no crumb
  EXPECT_FALSE(requests[0]["headers"].contains("Jenkins-Crumb"));
  EXPECT_EQ(requests[1]["method"], "GET");
  EXPECT_EQ(requests[1]["path"], "/crumbIssuer/api/json");
  for (const std::size_t i : {2u, 3u}) {
    EXPECT_EQ(requests[i]["method"], "POST");
    EXPECT_EQ(requests[i]["headers"]["Jenkins-Crumb"].get<std::string>().size(), 64u);
    EXPECT_EQ(requests[i]["headers"]["Cookie"].get<std::string>().rfind("JSESSIONID.d0ub1e00=node0", 0), 0u);
  }
  EXPECT_EQ(requests[2]["body"], "namespace=payments&cluster=aks-prod-01");
  EXPECT_EQ(jenkins.queue().size(), 2u);
}

TEST(JenkinsClient, RetriesA503WithoutQueueingTwice) {
  JenkinsDoubleProcess jenkins(double_options({"--fail-first-posts", "2"}));
  Client client(settings_for(jenkins));
  EXPECT_EQ(client.trigger(kJob, kParams).id, 1);
  EXPECT_EQ(jenkins.requests_to("POST", kJobPath).size(), 3u);
  EXPECT_EQ(jenkins.queue().size(), 1u);
}

TEST(JenkinsClient, DoesNotRepeatATriggerAfterA500) {
  JenkinsDoubleProcess jenkins(double_options({"--fail-first-posts", "1", "--fail-status", "500"}));
  Client client(settings_for(jenkins));
  const std::string message = http_error_of([&] { client.trigger(kJob, kParams); });
  EXPECT_EQ(message, "Jenkins answered HTTP 500 to POST " + jenkins.url() + kJobPath +
                         "/buildWithParameters: Error 500 Server Error");
  EXPECT_EQ(jenkins.requests_to("POST", "/").size(), 1u);
  EXPECT_TRUE(jenkins.queue().empty());
}

TEST(JenkinsClient, WrongTokenGivesAClearErrorWithoutTheToken) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins, "wrong-token-1234"));
  const std::string message = http_error_of([&] { client.trigger(kJob, kParams); });
  EXPECT_EQ(message, "Jenkins refused the credentials for user alice (HTTP 401 from " + jenkins.url() + kJobPath +
                         "/buildWithParameters)");
  EXPECT_EQ(message.find("wrong-token-1234"), std::string::npos);
  EXPECT_EQ(message.find("YWxpY2U6d3JvbmctdG9rZW4tMTIzNA=="), std::string::npos);  // nor its base64
  EXPECT_EQ(http_error_of([&] { client.queue_item(1); }).rfind("Jenkins refused the credentials for user alice", 0), 0u);
}

TEST(JenkinsClient, UnknownAndDisabledJobs) {
  JenkinsDoubleProcess jenkins(double_options({"--disabled-job", "platform/frozen"}));
  Client client(settings_for(jenkins));
  EXPECT_EQ(http_error_of([&] { client.trigger("platform/nope", kParams); }), "no job platform/nope on " + jenkins.url());
  EXPECT_EQ(http_error_of([&] { client.trigger("platform/frozen", kParams); }),
            "job platform/frozen is not buildable (disabled?)");
  EXPECT_EQ(http_error_of([&] { client.build(kJob, 7); }), "no build #7 of job " + kJob + " on " + jenkins.url());
  EXPECT_TRUE(jenkins.queue().empty());
}

TEST(JenkinsClient, FollowStreamsTheConsoleToSuccess) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins));
  const auto item = client.trigger(kJob, kParams);
  std::vector<std::string> pieces;
  const auto state = client.follow(kJob, item, [&](const std::string& text) { pieces.push_back(text); }, 30);

  EXPECT_EQ(state.number, 1);
  EXPECT_EQ(state.result, "SUCCESS");
  EXPECT_FALSE(state.building);
  EXPECT_EQ(state.url, jenkins.url() + kJobPath + "/1/");
  EXPECT_EQ(state.duration_ms, 1234);
  std::string console;
  for (const auto& piece : pieces) console += piece;
  EXPECT_EQ(console,
            "Started by user alice\n"
            "Building in workspace /var/jenkins_home/workspace/platform/k8s/create-namespace\n"
            "  namespace = payments\n"
            "  cluster = aks-prod-01\n"
            "step 1/3 \xE2\x9C\x93\n"
            "step 2/3 \xE2\x9C\x93\n"
            "step 3/3 \xE2\x9C\x93\n"
            "Finished: SUCCESS\n");
  EXPECT_GT(pieces.size(), 3u);

  // The console was read while the build ran, not only after it ended.
  const auto requests = jenkins.requests();
  std::size_t last_state_poll = 0;
  std::size_t first_console_read_beyond_start = requests.size();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const std::string path = requests[i]["path"];
    if (path.find("/1/api/json") != std::string::npos) last_state_poll = i;
    if (path.find("progressiveText?start=") != std::string::npos && path.find("start=0") == std::string::npos) {
      first_console_read_beyond_start = std::min(first_console_read_beyond_start, i);
    }
  }
  EXPECT_LT(first_console_read_beyond_start, last_state_poll);

  const auto chunk = client.console(kJob, 1, 0);
  EXPECT_EQ(chunk.text, console.substr(0, static_cast<std::size_t>(chunk.next_offset)));
  EXPECT_TRUE(chunk.more);
  const auto end = client.console(kJob, 1, static_cast<long>(console.size()));
  EXPECT_EQ(end.text, "");
  EXPECT_EQ(end.next_offset, static_cast<long>(console.size()));
  EXPECT_FALSE(end.more);
}

TEST(JenkinsClient, FollowReportsFailure) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins));
  const auto item = client.trigger(kJob, {{"namespace", "payments"}, {"fail", "true"}});
  std::string console;
  const auto state = client.follow(kJob, item, [&](const std::string& text) { console += text; }, 30);
  EXPECT_EQ(state.result, "FAILURE");
  EXPECT_NE(console.find("step 3/3 \xE2\x9C\x97 failed\nFinished: FAILURE\n"), std::string::npos);
}

TEST(JenkinsClient, FollowReportsACancelledQueueItem) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins));
  const auto item = client.trigger(kJob, {{"namespace", "payments"}, {"cancel", "true"}});
  bool printed = false;
  const auto state = client.follow(kJob, item, [&](const std::string&) { printed = true; }, 30);
  EXPECT_EQ(state.result, "CANCELLED");
  EXPECT_FALSE(state.building);
  EXPECT_EQ(state.url, item.url);
  EXPECT_FALSE(printed);
  EXPECT_TRUE(jenkins.requests_to("GET", kJobPath).empty());  // no build to look at
  EXPECT_EQ(client.queue_item(item.id).why, "");
  EXPECT_TRUE(client.queue_item(item.id).cancelled);
}

TEST(JenkinsClient, FollowFailsForAForgottenQueueItem) {
  JenkinsDoubleProcess jenkins(double_options());
  Client client(settings_for(jenkins));
  EXPECT_EQ(http_error_of([&] { client.follow(kJob, QueueItem{42, "", false}, nullptr, 30); }),
            "queue item 42 is not in the queue of " + jenkins.url() +
                " (Jenkins forgets an item five minutes after it leaves the queue)");
}

TEST(JenkinsClient, FollowGivesUpAtTheTimeoutNamingJenkinsReason) {
  JenkinsDoubleProcess jenkins(double_options({"--queue-polls", "1000"}));
  Client client(settings_for(jenkins));
  const auto item = client.trigger(kJob, kParams);
  EXPECT_EQ(client.queue_item(item.id).why, "Waiting for next available executor");
  EXPECT_EQ(http_error_of([&] { client.follow(kJob, item, nullptr, 0); }),
            "queue item 1 of job " + kJob + " did not start within 0 s (Jenkins: Waiting for next available executor)");
}
