// Session stores: the same contract for the memory, directory and Redis stores (round trip,
// TTL, erase, a failed turn, the per-key lock under threads and processes), then what each
// store promises on its own. Redis is a real redis-server started by the test itself.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bellwether/error.hpp"
#include "bellwether/session_store.hpp"
#include "temp_dir.hpp"

using namespace bellwether;
using namespace bellwether::intent;
using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;
using bellwether::testing_support::permissions_of;
using bellwether::testing_support::TempDir;

namespace {


int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(const fs::path& socket_path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  socket_path.string().copy(address.sun_path, sizeof address.sun_path - 1);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// A private redis-server: a unix socket in its own directory (and a loopback port when asked),
// no persistence; stopped by the destructor, or by the kernel if this test process dies.
class RedisServer {
 public:
  explicit RedisServer(std::vector<std::string> extra_arguments = {}, bool listen_on_tcp = false)
      : socket_(dir_.path() / "redis.sock"), port_(listen_on_tcp ? free_loopback_port() : 0) {
    std::vector<std::string> arguments = {BELLWETHER_REDIS_SERVER, "--port", std::to_string(port_),
                                          "--bind", "127.0.0.1", "--unixsocket", socket_.string(),
                                          "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
                                          "--dir", dir_.path().string(),
                                          "--logfile", (dir_.path() / "redis.log").string()};
    arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      std::vector<char*> argv;
      for (auto& argument : arguments) argv.push_back(argument.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    for (int attempt = 0; attempt < 1000 && !accepts_connections(socket_); ++attempt) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("redis-server exited at start; see " + (dir_.path() / "redis.log").string());
      }
      std::this_thread::sleep_for(10ms);
    }
  }
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;
  ~RedisServer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }

  std::string unix_url() const { return "unix://" + socket_.string(); }
  int port() const { return port_; }

  // redis-cli's answer to one command, without the trailing newline.
  std::string cli(const std::string& command) const {
    const std::string line = std::string(BELLWETHER_REDIS_CLI) + " -s '" + socket_.string() + "' " + command;
    FILE* pipe = ::popen(line.c_str(), "r");
    std::string out;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    ::pclose(pipe);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

 private:
  TempDir dir_;
  fs::path socket_;
  int port_;
  pid_t pid_ = -1;
};

RedisServer& shared_redis() {
  static RedisServer server;
  return server;
}

enum class Kind { memory, directory, redis };

std::string name_of(Kind kind) {
  switch (kind) {
    case Kind::memory: return "memory";
    case Kind::directory: return "directory";
    case Kind::redis: return "redis";
  }
  return "unknown";
}
std::string kind_name(const ::testing::TestParamInfo<Kind>& info) { return name_of(info.param); }
// Test listings (and ctest's names) show the store, not the enum's bytes.
void PrintTo(Kind kind, std::ostream* out) { *out << name_of(kind); }

// Reads the counter, yields, and writes it back: without the lock, turns would lose updates.
void increment(SessionStore& store, const std::string& key) {
  store.transact(key, [](std::optional<json>& session) {
    const int count = session ? session->at("count").get<int>() : 0;
    std::this_thread::yield();
    session = json{{"count", count + 1}};
  });
}

class SessionStoreContract : public ::testing::TestWithParam<Kind> {
 protected:
  std::unique_ptr<SessionStore> make(std::chrono::seconds ttl = 1800s) const {
    switch (GetParam()) {
      case Kind::memory: return make_memory_store(ttl);
      case Kind::directory: return make_directory_store(state_dir(), ttl);
      case Kind::redis: return make_redis_store(shared_redis().unix_url(), ttl);
    }
    return nullptr;
  }
  fs::path state_dir() const { return dir_.path() / "state"; }
  // One Redis server serves every test of this process, so each test has its own keys.
  static std::string key(const std::string& suffix) {
    return std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "|" +
           std::to_string(::getpid()) + "|" + suffix;
  }

 private:
  TempDir dir_;
};

}  // namespace

TEST_P(SessionStoreContract, RoundTripsASession) {
  auto store = make();
  const json session = {{"state", "collecting"}, {"params", {{"env", "prod"}, {"replicas", 3}}}};
  store->transact(key("alice|ops"), [&](std::optional<json>& stored) {
    EXPECT_FALSE(stored.has_value());
    stored = session;
  });
  EXPECT_EQ(store->peek(key("alice|ops")), session);
  store->transact(key("alice|ops"), [&](std::optional<json>& stored) {
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(*stored, session);
  });
  EXPECT_EQ(store->peek(key("bob|ops")), std::nullopt);
}

TEST_P(SessionStoreContract, NulloptErasesTheSession) {
  auto store = make();
  store->transact(key("k"), [](std::optional<json>& stored) { stored = json{{"state", "confirm"}}; });
  store->transact(key("k"), [](std::optional<json>& stored) { stored.reset(); });
  EXPECT_EQ(store->peek(key("k")), std::nullopt);
  store->transact(key("k"), [](std::optional<json>& stored) { EXPECT_FALSE(stored.has_value()); });
}

TEST_P(SessionStoreContract, SessionsExpireAfterTheirTtl) {
  auto store = make(1s);
  store->transact(key("k"), [](std::optional<json>& stored) { stored = json{{"state", "confirm"}}; });
  ASSERT_TRUE(store->peek(key("k")).has_value());
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(store->peek(key("k")), std::nullopt);
  store->transact(key("k"), [](std::optional<json>& stored) { EXPECT_FALSE(stored.has_value()); });
}

TEST_P(SessionStoreContract, AFailedTurnLeavesTheOldSessionAndReleasesTheLock) {
  auto store = make();
  store->transact(key("k"), [](std::optional<json>& stored) { stored = json{{"count", 1}}; });
  EXPECT_THROW(store->transact(key("k"),
                               [](std::optional<json>& stored) {
                                 stored = json{{"count", 99}};
                                 throw std::runtime_error("Jenkins is down");
                               }),
               std::runtime_error);
  EXPECT_EQ(store->peek(key("k")), (json{{"count", 1}}));
  increment(*store, key("k"));  // would block forever if the failed turn kept the lock
  EXPECT_EQ(store->peek(key("k")), (json{{"count", 2}}));
}

TEST_P(SessionStoreContract, SixteenThreadsOnOneKeyLoseNoUpdate) {
  auto store = make();
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) increment(*store, key("counter"));
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store->peek(key("counter")), (json{{"count", 3200}}));
}

TEST_P(SessionStoreContract, ConcurrentUsersNeverSeeEachOthersSessions) {
  auto store = make();
  std::atomic<int> foreign_sessions_seen = 0;
  std::vector<std::thread> threads;
  for (int user = 0; user < 16; ++user) {
    threads.emplace_back([&, user] {
      for (int turn = 0; turn < 50; ++turn) {
        store->transact(key("user" + std::to_string(user) + "|ops"), [&](std::optional<json>& stored) {
          if (stored && stored->at("user") != user) ++foreign_sessions_seen;
          const int turns = stored ? stored->at("turns").get<int>() : 0;
          stored = json{{"user", user}, {"turns", turns + 1}};
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(foreign_sessions_seen, 0);
  for (int user = 0; user < 16; ++user) {
    EXPECT_EQ(store->peek(key("user" + std::to_string(user) + "|ops")), (json{{"user", user}, {"turns", 50}}));
  }
}

TEST_P(SessionStoreContract, ATtlBelowOneSecondIsAConfigError) {
  try {
    make(0s);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::config);
    EXPECT_STREQ(e.what(), "session TTL must be at least 1 second, got 0");
  }
}

INSTANTIATE_TEST_SUITE_P(AllStores, SessionStoreContract,
                         ::testing::Values(Kind::memory, Kind::directory, Kind::redis), kind_name);

// The stores shared between processes: 8 forked processes, each with its own store object.
class SharedSessionStore : public SessionStoreContract {};

TEST_P(SharedSessionStore, EightProcessesOnOneKeyLoseNoUpdate) {
  const std::string counter = key("counter");
  make();  // the Redis server is started before forking, not once per child
  std::vector<pid_t> children;
  for (int child = 0; child < 8; ++child) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      int status = 0;
      try {
        auto store = make();
        for (int i = 0; i < 100; ++i) increment(*store, counter);
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
  EXPECT_EQ(make()->peek(counter), (json{{"count", 800}}));
}

INSTANTIATE_TEST_SUITE_P(CrossProcessStores, SharedSessionStore,
                         ::testing::Values(Kind::directory, Kind::redis), kind_name);

// --- the directory store ---

namespace {
// SHA-256("abc") from FIPS 180-2 appendix B.1: the file name of the session under key "abc".
constexpr const char* kDigestOfAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

}  // namespace

TEST(DirectorySessionStore, FilesAreNamedByTheKeysSha256AndArePrivate) {
  TempDir temp;
  const fs::path dir = temp.path() / "new" / "state";
  auto store = make_directory_store(dir, 1800s);
  store->transact("abc", [](std::optional<json>& stored) { stored = json{{"state", "confirm"}}; });
  const fs::path session = dir / (std::string(kDigestOfAbc) + ".session");
  ASSERT_TRUE(fs::exists(session));
  EXPECT_EQ(permissions_of(temp.path() / "new"), 0700u);
  EXPECT_EQ(permissions_of(dir), 0700u);
  EXPECT_EQ(permissions_of(session), 0600u);
  EXPECT_EQ(permissions_of(dir / (std::string(kDigestOfAbc) + ".lock")), 0600u);
  std::ifstream in(session);
  const json stored = json::parse(in);
  EXPECT_EQ(stored.at("key"), "abc");
  EXPECT_EQ(stored.at("session"), (json{{"state", "confirm"}}));
}

TEST(DirectorySessionStore, KeysThatLookLikePathsStayInsideTheDirectory) {
  TempDir temp;
  const fs::path dir = temp.path() / "state";
  auto store = make_directory_store(dir, 1800s);
  for (const std::string key : {"../x", "../../etc/passwd", "/tmp/x", "a/b|c", ".", ""}) {
    store->transact(key, [&](std::optional<json>& stored) { stored = json{{"key", key}}; });
    EXPECT_EQ(store->peek(key), (json{{"key", key}}));
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(temp.path()), fs::directory_iterator()), 1);
  int sessions = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.find_first_not_of("0123456789abcdef"), 64u) << name;
    sessions += entry.path().extension() == ".session" ? 1 : 0;
  }
  EXPECT_EQ(sessions, 6);
}

TEST(DirectorySessionStore, ACorruptSessionFileIsAnInputErrorNamingTheFile) {
  TempDir temp;
  auto store = make_directory_store(temp.path(), 1800s);
  const fs::path session = temp.path() / (std::string(kDigestOfAbc) + ".session");
  std::ofstream(session) << "{\"key\": \"abc\", \"session\": {\"sta";
  for (const bool peeking : {false, true}) {
    try {
      if (peeking) {
        store->peek("abc");
      } else {
        store->transact("abc", [](std::optional<json>& stored) { stored = json::object(); });
      }
      FAIL() << "expected an error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::input);
      EXPECT_EQ(std::string(e.what()),
                session.string() + ": corrupt session file (not valid JSON); delete it to start a new conversation");
    }
  }
  EXPECT_TRUE(fs::exists(session));  // reported, not silently dropped
  increment(*make_directory_store(temp.path(), 1800s), "other key");  // other keys still work
}

TEST(DirectorySessionStore, ErasedAndExpiredSessionsLeaveNoFilesBehind) {
  TempDir temp;
  auto store = make_directory_store(temp.path(), 1s);
  store->transact("erased", [](std::optional<json>& stored) { stored = json{{"state", "collecting"}}; });
  store->transact("erased", [](std::optional<json>& stored) { stored.reset(); });
  EXPECT_TRUE(fs::is_empty(temp.path()));
  store->transact("expires", [](std::optional<json>& stored) { stored = json{{"state", "collecting"}}; });
  EXPECT_FALSE(fs::is_empty(temp.path()));
  std::this_thread::sleep_for(1100ms);
  make_directory_store(temp.path(), 1s);  // a new store (a new CLI process) sweeps expired sessions
  EXPECT_TRUE(fs::is_empty(temp.path()));
}

// --- the Redis store ---

TEST(RedisSessionStore, StoresUnderTheDocumentedKeysWithTheTtlAndNoLeftoverLock) {
  RedisServer& redis = shared_redis();
  auto store = make_redis_store(redis.unix_url(), 1800s);
  store->transact("layout|alice|ops", [](std::optional<json>& stored) { stored = json{{"state", "confirm"}}; });
  EXPECT_EQ(redis.cli("GET 'bellwether:session:layout|alice|ops'"), R"({"state":"confirm"})");
  const int ttl = std::stoi(redis.cli("TTL 'bellwether:session:layout|alice|ops'"));
  EXPECT_GT(ttl, 1790);
  EXPECT_LE(ttl, 1800);
  EXPECT_EQ(redis.cli("EXISTS 'bellwether:lock:layout|alice|ops'"), "0");
}

TEST(RedisSessionStore, AHolderWhoseLockRanOutStoresNothingAndKeepsTheNewHoldersLock) {
  RedisServer& redis = shared_redis();
  auto store = make_redis_store(redis.unix_url(), 1800s);
  store->transact("slow", [](std::optional<json>& stored) { stored = json{{"count", 1}}; });
  try {
    store->transact("slow", [&](std::optional<json>& stored) {
      stored = json{{"count", 2}};
      // As if this turn outlived its lease and another process took the lock meanwhile.
      redis.cli("SET bellwether:lock:slow other-holder PX 60000");
    });
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::source);
    EXPECT_NE(std::string(e.what()).find("ran out before the turn finished"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store->peek("slow"), (json{{"count", 1}}));
  EXPECT_EQ(redis.cli("GET bellwether:lock:slow"), "other-holder");
}

TEST(RedisSessionStore, ACorruptValueIsAnInputError) {
  RedisServer& redis = shared_redis();
  redis.cli("SET 'bellwether:session:corrupt' '{not json'");
  auto store = make_redis_store(redis.unix_url(), 1800s);
  try {
    store->peek("corrupt");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_NE(std::string(e.what()).find("bellwether:session:corrupt does not hold a JSON session"), std::string::npos);
  }
}

TEST(RedisSessionStore, AuthenticatesWithThePasswordFromTheUrlOrTheEnvironment) {
  ::unsetenv("REDIS_PASSWORD");
  RedisServer redis({"--requirepass", "s3cr3t-Pa55"}, true);
  const std::string address = "127.0.0.1:" + std::to_string(redis.port());
  for (const std::string& url : {"redis://:wrong-Pa55@" + address, "redis://" + address + "/0"}) {
    try {
      make_redis_store(url, 60s);
      FAIL() << "expected an error";
    } catch (const Error& e) {
      const std::string message = e.what();
      EXPECT_EQ(e.kind(), ErrorKind::source);
      EXPECT_NE(message.find("Redis at " + address), std::string::npos) << message;
      EXPECT_EQ(message.find("Pa55"), std::string::npos) << message;
    }
  }
  increment(*make_redis_store("redis://:s3cr3t-Pa55@" + address + "/2", 60s), "k");
  ::setenv("REDIS_PASSWORD", "s3cr3t-Pa55", 1);
  auto from_environment = make_redis_store("redis://" + address + "/2", 60s);
  ::unsetenv("REDIS_PASSWORD");
  EXPECT_EQ(from_environment->peek("k"), (json{{"count", 1}}));  // the same database 2
}

TEST(RedisSessionStore, AnUnreachableServerIsASourceErrorNamingHostAndPort) {
  const std::string address = "127.0.0.1:" + std::to_string(free_loopback_port());
  try {
    make_redis_store("redis://:hunter2@" + address, 60s);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::source);
    EXPECT_EQ(std::string(e.what()), "cannot connect to Redis at " + address + ": Connection refused");
  }
}

TEST(RedisSessionStore, MalformedUrlsAreConfigErrorsThatDoNotRepeatTheUrl) {
  for (const std::string url : {"http://:hunter2@host:6379", "redis://:hunter2@host:99999",
                                "redis://hunter2@host", "redis://:hunter2@host/db", "unix://relative/sock"}) {
    try {
      make_redis_store(url, 60s);
      FAIL() << "expected an error for " << url;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::config);
      EXPECT_NE(std::string(e.what()).find("Redis URL: "), std::string::npos);
      EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    }
  }
}

// --- the default state directory ---

TEST(SessionStateDir, FollowsXdgStateHomeThenHome) {
  const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  const char* saved_state_home = std::getenv("XDG_STATE_HOME");
  const std::string state_home = saved_state_home ? saved_state_home : "";
  ::setenv("HOME", "/home/alice", 1);
  ::setenv("XDG_STATE_HOME", "/var/lib/alice-state", 1);
  EXPECT_EQ(default_state_dir(), "/var/lib/alice-state/bellwether");
  ::setenv("XDG_STATE_HOME", "relative/state", 1);  // the XDG spec says to ignore it
  EXPECT_EQ(default_state_dir(), "/home/alice/.local/state/bellwether");
  ::unsetenv("XDG_STATE_HOME");
  EXPECT_EQ(default_state_dir(), "/home/alice/.local/state/bellwether");
  ::unsetenv("HOME");
  EXPECT_THROW(default_state_dir(), Error);
  ::setenv("HOME", home.c_str(), 1);
  if (saved_state_home) ::setenv("XDG_STATE_HOME", state_home.c_str(), 1);
}
