// jobs.yaml: merging, and every validation error with its position.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "bellwether/error.hpp"
#include "bellwether/job_registry.hpp"

using namespace bellwether;
using namespace bellwether::intent;

namespace {
std::string write(const std::string& name, const std::string& yaml) {
  const auto path = (std::filesystem::temp_directory_path() /
                     ("bellwether-test-" + std::to_string(::getpid()) + "-" + name)).string();
  std::ofstream(path) << yaml;
  return path;
}
std::string error_of(const std::string& yaml) {
  const auto path = write("jobs.yaml", yaml);
  try {
    load_registry({path});
  } catch (const Error& e) {
    const std::string message = e.what();
    return message.substr(message.find("jobs.yaml"));
  }
  return "no error";
}
const char* kIntent = "a:\n  description: d\n  jenkins_job: j\n";
}  // namespace

TEST(JobRegistry, ReadsTheExample) {
  const auto r = load_registry({std::string(BELLWETHER_EXAMPLES_DIR) + "/jobs.yaml"});
  const Intent* create = r.find("create_namespace");
  ASSERT_NE(create, nullptr);
  EXPECT_EQ(create->jenkins_job, "platform/k8s/create-namespace");
  EXPECT_TRUE(create->confirm);
  ASSERT_EQ(create->parameters.size(), 3u);
  EXPECT_EQ(create->parameters[2].aliases, (std::vector<std::string>{"rg"}));
  const Intent* deploy = r.find("deploy_service");
  EXPECT_EQ(deploy->parameters[2].type, ParameterType::choice);
  EXPECT_EQ(*deploy->parameters[3].default_value, "canary");
  EXPECT_EQ(deploy->parameters[1].problem_with("2.3.1"), std::nullopt);
  EXPECT_EQ(*deploy->parameters[1].problem_with("latest"), "\"latest\" does not match ^v?[0-9]+\\.[0-9]+\\.[0-9]+$");
  EXPECT_EQ(*deploy->parameters[2].problem_with("qa"), "expected one of dev|staging|prod, got \"qa\"");
  EXPECT_EQ(r.find("delete_namespace")->allowed_channels, (std::vector<std::string>{"platform-ops"}));
}

TEST(JobRegistry, FilesAndDocumentsAreMerged) {
  const auto one = write("one.yaml", std::string(kIntent) + "---\nb:\n  description: d\n  jenkins_job: j\n");
  const auto two = write("two.yaml", "c:\n  description: d\n  jenkins_job: folder/job\n  confirm: false\n  dry_run: true\n");
  const auto r = load_registry({one, two});
  EXPECT_EQ(r.intents.size(), 3u);
  EXPECT_FALSE(r.find("c")->confirm);
  EXPECT_TRUE(r.find("c")->dry_run);
}

TEST(JobRegistry, ErrorsNameFileLineAndField) {
  EXPECT_EQ(error_of(std::string(kIntent) + "---\na:\n  description: again\n  jenkins_job: j\n").substr(0, 47),
            "jobs.yaml:5:1: a: duplicate intent (first defin");
  EXPECT_EQ(error_of("a:\n  description: d\n  jenkins_job: j\n  confrm: true\n"),
            "jobs.yaml:4:3: a.confrm: unknown field (expected one of: description, jenkins_job, documentation, examples, confirm, dry_run, allowed_users, allowed_channels, parameters)");
  EXPECT_EQ(error_of("a:\n  description: d\n"), "jobs.yaml:2:3: a: missing required field 'jenkins_job'");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: v, pattern: '([a-z'}\n").substr(0, 66),
            "jobs.yaml:5:26: a.parameters[0].pattern: not a valid regular expre");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: env, choices: [dev, prod], default: qa}\n"),
            "jobs.yaml:5:50: a.parameters[0].default: the default fails its own rule: expected one of dev|prod, got \"qa\"");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: n, type: int, default: many}\n"),
            "jobs.yaml:5:37: a.parameters[0].default: the default fails its own rule: expected a whole number, got \"many\"");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: v, pattern: '^[0-9]+$', default: x1}\n"),
            "jobs.yaml:5:47: a.parameters[0].default: the default fails its own rule: \"x1\" does not match ^[0-9]+$");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: s, type: choice}\n"),
            "jobs.yaml:5:7: a.parameters[0]: a choice parameter needs a non-empty choices list");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: s, type: float}\n"),
            "jobs.yaml:5:23: a.parameters[0].type: expected string|int|bool|choice, got \"float\"");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: e, choices: [dev], choice_aliases: {production: prod}}\n"),
            "jobs.yaml:5:62: a.parameters[0].choice_aliases.production: \"prod\" is not one of the choices");
  EXPECT_EQ(error_of(std::string(kIntent) + "  parameters:\n    - {name: x}\n    - {name: x}\n"),
            "jobs.yaml:6:14: a.parameters[1].name: duplicate parameter \"x\"");
  EXPECT_EQ(error_of("a:\n  description: d\n  jenkins_job: ../../etc\n"),
            "jobs.yaml:3:16: a.jenkins_job: expected a job name or folder path such as team/infra/create-namespace");
  EXPECT_EQ(error_of("a: [1, 2\n").substr(0, 29), "jobs.yaml:2:1: malformed YAML");
  EXPECT_EQ(error_of(""), "jobs.yaml: the registry defines no intent");
}
