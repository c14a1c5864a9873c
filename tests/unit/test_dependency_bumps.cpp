// Dependency bumps found in unified diffs of each manifest format.
#include <gtest/gtest.h>

#include "bellwether/change_features.hpp"

using bellwether::risk::dependency_bumps_in_diff;
using Bumps = std::vector<std::string>;

TEST(DependencyBumps, PackageJsonAndVcpkg) {
  EXPECT_EQ(dependency_bumps_in_diff("+++ b/web/package.json\n@@ -3 +3 @@\n-    \"react\": \"^18.2.0\",\n+    \"react\": \"^18.3.1\",\n"
                                     "-  \"version\": \"1.0.0\",\n+  \"version\": \"1.1.0\",\n"),
            (Bumps{"react ^18.2.0 -> ^18.3.1"}));  // the project's own version is not a dependency
}

TEST(DependencyBumps, RequirementsGoModCargo) {
  EXPECT_EQ(dependency_bumps_in_diff("+++ b/requirements-dev.txt\n-requests==2.31.0\n+requests==2.32.3\n"), (Bumps{"requests 2.31.0 -> 2.32.3"}));
  EXPECT_EQ(dependency_bumps_in_diff("+++ b/go.mod\n-\tgolang.org/x/net v0.23.0\n+\tgolang.org/x/net v0.25.0\n"),
            (Bumps{"golang.org/x/net v0.23.0 -> v0.25.0"}));
  EXPECT_EQ(dependency_bumps_in_diff("+++ b/Cargo.toml\n-serde = \"1.0.197\"\n+serde = \"1.0.203\"\n"
                                     "-tokio = { version = \"1.36\", features = [\"full\"] }\n"
                                     "+tokio = { version = \"1.38\", features = [\"full\"] }\n"),
            (Bumps{"serde 1.0.197 -> 1.0.203", "tokio 1.36 -> 1.38"}));
}

TEST(DependencyBumps, PomConanCMake) {
  EXPECT_EQ(dependency_bumps_in_diff("+++ b/pom.xml\n@@ -10,3 +10,3 @@\n   <artifactId>jackson-databind</artifactId>\n"
                                     "-  <version>2.17.0</version>\n+  <version>2.17.1</version>\n"),
            (Bumps{"jackson-databind 2.17.0 -> 2.17.1"}));
  EXPECT_EQ(dependency_bumps_in_diff("+++ b/conanfile.txt\n-fmt/10.1.1\n+fmt/10.2.1\n"), (Bumps{"fmt 10.1.1 -> 10.2.1"}));
  EXPECT_EQ(dependency_bumps_in_diff("+++ b/CMakeLists.txt\n-find_package(Boost 1.74 REQUIRED)\n+find_package(Boost 1.83 REQUIRED)\n"
                                     " FetchContent_Declare(googletest\n-  GIT_TAG v1.14.0\n+  GIT_TAG v1.15.2\n"),
            (Bumps{"Boost 1.74 -> 1.83", "googletest v1.14.0 -> v1.15.2"}));
}

TEST(DependencyBumps, NothingWhenOnlyAddedRemovedOrUnchanged) {
  EXPECT_TRUE(dependency_bumps_in_diff("+++ b/package.json\n+    \"left-pad\": \"1.3.0\",\n").empty());
  EXPECT_TRUE(dependency_bumps_in_diff("+++ b/package.json\n-    \"a\": \"1.0.0\",\n+    \"a\": \"1.0.0\"\n").empty());
  EXPECT_TRUE(dependency_bumps_in_diff("+++ b/src/main.c\n-int v = 1;\n+int v = 2;\n").empty());
}
