// The headers a Prometheus query carries (prometheus.hpp): credentials given in memory come
// before the variable or file the config names, and extra headers such as a tenant go along.
#include <gtest/gtest.h>

#include <cstdlib>

#include "bellwether/error.hpp"
#include "bellwether/prometheus.hpp"

namespace bellwether::sources {
namespace {

TEST(PrometheusConnection, NoCredentialsNoHeaders) { EXPECT_TRUE(request_headers(PrometheusConnection{}).empty()); }

TEST(PrometheusConnection, TokenInMemoryIsABearerAndWinsOverTheConfiguredVariable) {
  ::unsetenv("BELLWETHER_TEST_UNSET_TOKEN");
  PrometheusConnection c;
  c.token_env = "BELLWETHER_TEST_UNSET_TOKEN";
  EXPECT_THROW(request_headers(c), Error);  // named but not set: a config error
  c.bearer_token = "abc.def";
  EXPECT_EQ(request_headers(c), (std::map<std::string, std::string>{{"Authorization", "Bearer abc.def"}}));
}

TEST(PrometheusConnection, UserAndPasswordInMemoryAreBasicAuth) {
  PrometheusConnection c;
  c.basic_user = "Aladdin";
  c.basic_password = "open sesame";  // RFC 7617's example
  EXPECT_EQ(request_headers(c).at("Authorization"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  c.basic_password.clear();  // an empty password is still basic auth
  EXPECT_EQ(request_headers(c).at("Authorization"), "Basic QWxhZGRpbjo=");
}

TEST(PrometheusConnection, ExtraHeadersGoAlongWithTheCredentials) {
  PrometheusConnection c;
  c.bearer_token = "t";
  c.headers = {{"X-Scope-OrgID", "team-checkout"}};
  EXPECT_EQ(request_headers(c),
            (std::map<std::string, std::string>{{"Authorization", "Bearer t"}, {"X-Scope-OrgID", "team-checkout"}}));
}

}  // namespace
}  // namespace bellwether::sources
