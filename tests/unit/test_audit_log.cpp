// The ChatOps guards: the audit log (whole lines from many processes, private file, secrets
// masked) and the per-user rate limiter (rate_limit.hpp).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bellwether/audit_log.hpp"
#include "bellwether/error.hpp"
#include "bellwether/rate_limit.hpp"
#include "temp_dir.hpp"

using namespace bellwether;
using namespace bellwether::intent;
using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;
using bellwether::testing_support::permissions_of;
using bellwether::testing_support::TempDir;

TEST(AuditLog, LinesFromEightProcessesNeverInterleave) {
  TempDir temp;
  const fs::path log = temp.path() / "audit" / "audit.jsonl";
  // Lines longer than a page, so a torn or interleaved write would show.
  const std::string padding(5000, 'x');
  std::vector<pid_t> children;
  for (int child = 0; child < 8; ++child) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      int status = 0;
      try {
        for (int i = 0; i < 200; ++i) {
          append_audit_record(log, {{"writer", child}, {"seq", i}, {"padding", padding}});
        }
      } catch (...) {
        status = 1;
      }
      ::_exit(status);
    }
    children.push_back(pid);
  }
  for (const pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  std::ifstream in(log);
  std::map<int, std::set<int>> seen;
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    const json record = json::parse(line, nullptr, false);
    ASSERT_FALSE(record.is_discarded()) << "line " << lines + 1 << " is not JSON";
    EXPECT_EQ(record.at("padding"), padding);
    seen[record.at("writer").get<int>()].insert(record.at("seq").get<int>());
  }
  EXPECT_EQ(lines, 1600);
  ASSERT_EQ(seen.size(), 8u);
  for (const auto& [writer, sequence] : seen) {
    EXPECT_EQ(sequence.size(), 200u) << "writer " << writer;
  }
}

TEST(AuditLog, TheFileIsPrivateAndItsDirectoryIsMade) {
  TempDir temp;
  const fs::path log = temp.path() / "new" / "audit.jsonl";
  append_audit_record(log, {{"intent", "deploy_service"}, {"user", "alice"}});
  append_audit_record(log, {{"intent", "rollback"}, {"user", "bob"}});
  EXPECT_EQ(permissions_of(temp.path() / "new"), 0700u);
  EXPECT_EQ(permissions_of(log), 0600u);
  std::ifstream in(log);
  const std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "{\"intent\":\"deploy_service\",\"user\":\"alice\"}\n{\"intent\":\"rollback\",\"user\":\"bob\"}\n");
}

TEST(AuditLog, AnUnwritableLogIsASourceErrorNamingTheFile) {
  TempDir temp;
  const fs::path not_a_directory = temp.path() / "file";
  std::ofstream(not_a_directory) << "x";
  try {
    append_audit_record(not_a_directory / "audit.jsonl", {{"user", "alice"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::source);
    EXPECT_NE(std::string(e.what()).find(not_a_directory.string()), std::string::npos) << e.what();
  }
}

TEST(AuditLog, MaskSecretsHidesSecretValuesAtAnyDepth) {
  const json params = {{"env", "prod"},
                       {"Password", "hunter2"},
                       {"db_passwd", "p"},
                       {"GITHUB_TOKEN", "ghp_x"},
                       {"apiKey", 42},
                       {"client_secret", "s"},
                       {"aws_credentials", {{"id", "AKIA"}}},
                       {"deploy", {{"api_key", "k"}, {"ssh_Private_Key", "-----BEGIN"}, {"replicas", 3}}},
                       {"targets", json::array({json{{"name", "eu"}, {"token", "t"}}, "plain"})}};
  const json expected = {{"env", "prod"},
                         {"Password", "****"},
                         {"db_passwd", "****"},
                         {"GITHUB_TOKEN", "****"},
                         {"apiKey", "****"},
                         {"client_secret", "****"},
                         {"aws_credentials", "****"},
                         {"deploy", {{"api_key", "****"}, {"ssh_Private_Key", "****"}, {"replicas", 3}}},
                         {"targets", json::array({json{{"name", "eu"}, {"token", "****"}}, "plain"})}};
  EXPECT_EQ(mask_secrets(params), expected);
  EXPECT_EQ(mask_secrets(json("token")), json("token"));  // a bare value has no name to judge by
}

// --- the rate limiter ---

namespace {
const auto t0 = std::chrono::steady_clock::time_point{} + 1000s;
}

TEST(RateLimit, AllowsAtMostTheLimitInASlidingWindowPerUser) {
  RateLimiter limiter(3, 10s);
  EXPECT_TRUE(limiter.allow("alice", t0));
  EXPECT_TRUE(limiter.allow("alice", t0 + 4s));
  EXPECT_TRUE(limiter.allow("alice", t0 + 5s));
  EXPECT_FALSE(limiter.allow("alice", t0 + 9s));
  EXPECT_TRUE(limiter.allow("bob", t0 + 9s));  // a separate budget
  EXPECT_FALSE(limiter.allow("alice", t0 + 9999ms));
  EXPECT_TRUE(limiter.allow("alice", t0 + 10s));   // the t0 request has left the window
  EXPECT_FALSE(limiter.allow("alice", t0 + 11s));  // refused requests did not count, t0+4 still does
  EXPECT_TRUE(limiter.allow("alice", t0 + 14s));
  EXPECT_TRUE(limiter.allow("alice", t0 + 100s));  // after a long pause (and a sweep) a fresh budget
  EXPECT_TRUE(limiter.allow("alice", t0 + 100s));
  EXPECT_TRUE(limiter.allow("alice", t0 + 100s));
  EXPECT_FALSE(limiter.allow("alice", t0 + 100s));
}

TEST(RateLimit, ZeroOrLessTurnsTheLimitOff) {
  for (const int off : {0, -1}) {
    RateLimiter limiter(off, 0s);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.allow("alice", t0));
  }
}

TEST(RateLimit, ALimitWithoutAWindowIsAConfigError) {
  try {
    RateLimiter limiter(5, 0s);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    EXPECT_STREQ(e.what(), "rate limit window must be at least 1 second, got 0");
  }
}

TEST(RateLimit, ConcurrentRequestsNeverExceedTheLimit) {
  RateLimiter limiter(50, 60s);
  std::atomic<int> allowed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) allowed += limiter.allow("alice", t0) ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed, 50);
}
