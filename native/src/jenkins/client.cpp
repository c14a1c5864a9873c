// Reading Jenkins' state: queue items, builds and their console, all plain GETs that the http
// client may repeat on a 5xx or a lost connection.
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/http.hpp"
#include "bellwether/jenkins.hpp"
#include "jenkins/jenkins_request.hpp"

namespace bellwether::jenkins {
namespace {

// Jenkins exports absent values as null (result of a running build, why of a left item).
template <typename T>
T field_or(const nlohmann::json& object, const char* name, T fallback) {
  const auto it = object.find(name);
  return it == object.end() || it->is_null() ? fallback : it->get<T>();
}

nlohmann::json parse_answer(const http::Request& request, const http::Response& response) {
  try {
    auto body = nlohmann::json::parse(response.body);
    if (!body.is_object()) fail(ErrorKind::http, "unexpected answer from " + http::shown_url(request.url) + ": not a JSON object");
    return body;
  } catch (const nlohmann::json::parse_error&) {
    fail(ErrorKind::http, "unexpected answer from " + http::shown_url(request.url) + ": not JSON");
  }
}

std::string no_such_build(const Settings& settings, const std::string& jenkins_job, long number) {
  return "no build #" + std::to_string(number) + " of job " + jenkins_job + " on " + http::shown_url(detail::base_url(settings));
}

std::string build_url(const Settings& settings, const std::string& jenkins_job, long number) {
  return detail::base_url(settings) + job_path(jenkins_job) + "/" + std::to_string(number);
}

}  // namespace

Client::Client(Settings settings) : settings_(std::move(settings)) {}

QueueState Client::queue_item(long id) {
  const auto request = detail::authorized_request(
      settings_, detail::base_url(settings_) + "/queue/item/" + std::to_string(id) + "/api/json");
  const auto response = http::get(request);
  if (response.status != 200) {
    detail::fail_for_status(settings_, request, response, "",
                            "queue item " + std::to_string(id) + " is not in the queue of " +
                                http::shown_url(detail::base_url(settings_)) +
                                " (Jenkins forgets an item five minutes after it leaves the queue)");
  }
  const auto body = parse_answer(request, response);
  try {
    QueueState state;
    state.cancelled = field_or(body, "cancelled", false);
    state.why = field_or(body, "why", std::string());
    if (const auto executable = body.find("executable"); executable != body.end() && executable->is_object()) {
      state.build_number = executable->at("number").get<long>();
      state.build_url = field_or(*executable, "url", std::string());
    }
    return state;
  } catch (const nlohmann::json::exception& e) {
    fail(ErrorKind::http, "unexpected queue item from " + http::shown_url(request.url) + ": " + e.what());
  }
}

BuildState Client::build(const std::string& jenkins_job, long number) {
  // tree= keeps the answer small: a Pipeline build's full export carries every action.
  const auto request = detail::authorized_request(
      settings_, build_url(settings_, jenkins_job, number) + "/api/json?tree=number,result,building,url,duration");
  const auto response = http::get(request);
  if (response.status != 200) {
    detail::fail_for_status(settings_, request, response, jenkins_job, no_such_build(settings_, jenkins_job, number));
  }
  const auto body = parse_answer(request, response);
  try {
    BuildState state;
    state.number = body.at("number").get<long>();
    if (const auto result = body.find("result"); result != body.end() && !result->is_null()) {
      state.result = result->get<std::string>();
    }
    state.building = field_or(body, "building", false);
    state.url = field_or(body, "url", std::string());
    state.duration_ms = field_or(body, "duration", 0L);
    return state;
  } catch (const nlohmann::json::exception& e) {
    fail(ErrorKind::http, "unexpected build from " + http::shown_url(request.url) + ": " + e.what());
  }
}

ConsoleChunk Client::console(const std::string& jenkins_job, long number, long offset) {
  const auto request = detail::authorized_request(
      settings_, build_url(settings_, jenkins_job, number) + "/logText/progressiveText?start=" + std::to_string(offset));
  auto response = http::get(request);
  if (response.status != 200) {
    detail::fail_for_status(settings_, request, response, jenkins_job, no_such_build(settings_, jenkins_job, number));
  }
  ConsoleChunk chunk;
  chunk.more = response.header("x-more-data") == "true";
  // X-Text-Size is the offset to ask for next, in bytes of the log.
  const std::string size = response.header("x-text-size");
  try {
    chunk.next_offset = size.empty() ? offset + static_cast<long>(response.body.size()) : std::stol(size);
  } catch (const std::exception&) {
    fail(ErrorKind::http, "unexpected X-Text-Size \"" + size + "\" from " + http::shown_url(request.url));
  }
  chunk.text = std::move(response.body);
  return chunk;
}

}  // namespace bellwether::jenkins
