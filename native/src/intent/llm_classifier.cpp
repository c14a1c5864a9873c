#include "bellwether/llm_classifier.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <nlohmann/json.hpp>

#include "bellwether/error.hpp"
#include "bellwether/http.hpp"
#include "intent/text.hpp"

namespace bellwether::intent {
namespace {
using nlohmann::json;

std::string endpoint(const std::string& url) {
  if (url.find("/chat/completions") != std::string::npos) return url;
  std::string base = url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/chat/completions";
}

bool is_azure(const std::string& url) { return url.find(".openai.azure.com") != std::string::npos || url.find("api-version=") != std::string::npos; }

// Strict structured outputs allow no free-form keys, so parameters come as name/value pairs.
json response_format(const JobRegistry& registry) {
  json names = json::array();
  for (const auto& i : registry.intents) names.push_back(i.name);
  names.push_back(nullptr);
  json schema = {
      {"type", "object"},
      {"properties",
       {{"intent", {{"type", json::array({"string", "null"})}, {"enum", names}}},
        {"confidence", {{"type", "number"}}},
        {"params",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties", {{"name", {{"type", "string"}}}, {"value", {{"type", "string"}}}}},
            {"required", json::array({"name", "value"})},
            {"additionalProperties", false}}}}}}},
      {"required", json::array({"intent", "confidence", "params"})},
      {"additionalProperties", false}};
  return {{"type", "json_schema"}, {"json_schema", {{"name", "bellwether_intent"}, {"strict", true}, {"schema", schema}}}};
}

std::string instructions(const JobRegistry& registry) {
  std::string s =
      "You map a chat message from a platform engineer to one of the Jenkins jobs below, or to null when none "
      "fits (small talk, unsupported requests). Only report parameter values the message states; never invent "
      "or default one. Answer with the JSON schema given.\nJobs:\n";
  for (const auto& i : registry.intents) {
    s += "- " + i.name + ": " + i.description + ". Parameters:";
    for (const auto& p : i.parameters) {
      s += " " + p.name + (p.required ? " (required)" : "");
      if (!p.choices.empty()) {
        s += " [";
        for (std::size_t k = 0; k < p.choices.size(); ++k) s += (k ? "|" : "") + p.choices[k];
        s += "]";
      }
    }
    s += "\n";
  }
  return s;
}

// A value counts as said when it, or a word of the message that canonicalises to it, is there.
bool said_in(const std::string& message, const Parameter& p, const std::string& canonical, const std::string& raw) {
  const std::string lower = to_lower(message);
  if (!raw.empty() && lower.find(to_lower(raw)) != std::string::npos) return true;
  for (const auto& token : tokenize(message)) {
    const auto check = check_value(p, token.text);
    if (check.value && *check.value == canonical) return true;
  }
  return false;
}

}  // namespace

LlmClassifier::LlmClassifier(LlmSettings settings, const Matcher& matcher) : settings_(std::move(settings)), matcher_(matcher) {}

std::optional<Understanding> LlmClassifier::propose(std::string_view message, std::string& problem) const {
  problem.clear();
  const char* key = std::getenv(settings_.api_key_env.c_str());
  if (!key || !*key) {
    problem = "no API key in $" + settings_.api_key_env;
    return std::nullopt;
  }
  const JobRegistry& registry = matcher_.registry();
  json body = {{"temperature", 0},
               {"messages", json::array({{{"role", "system"}, {"content", instructions(registry)}},
                                         {{"role", "user"}, {"content", std::string(message)}}})},
               {"response_format", response_format(registry)}};
  if (!settings_.model.empty()) body["model"] = settings_.model;
  http::Request request;
  request.url = endpoint(settings_.url);
  request.timeout_seconds = settings_.timeout_seconds;
  request.retries = 1;
  if (is_azure(settings_.url)) {
    request.headers["api-key"] = key;
  } else {
    request.headers["Authorization"] = std::string("Bearer ") + key;
  }
  json content;
  try {
    const auto response = http::post(request, body.dump(), "application/json");
    if (response.status != 200) {
      problem = "the LLM endpoint answered HTTP " + std::to_string(response.status);
      return std::nullopt;
    }
    const json answer = json::parse(response.body);
    const json& choice = answer.at("choices").at(0);
    const json& msg = choice.at("message");
    if (msg.contains("refusal") && msg["refusal"].is_string()) {
      problem = "the model refused: " + msg["refusal"].get<std::string>();
      return std::nullopt;
    }
    if (choice.value("finish_reason", "") == "length") {
      problem = "the model's answer was cut off";
      return std::nullopt;
    }
    content = json::parse(msg.at("content").get<std::string>());
  } catch (const Error& e) {
    problem = e.what();
    return std::nullopt;
  } catch (const json::exception& e) {
    problem = std::string("malformed answer from the LLM endpoint: ") + e.what();
    return std::nullopt;
  }

  Understanding u;
  if (!content.is_object() || !content.contains("intent")) {
    problem = "the answer does not follow the schema";
    return std::nullopt;
  }
  if (content["intent"].is_null()) return u;  // the model sees no job: the matcher still decides
  const Intent* intent = content["intent"].is_string() ? registry.find(content["intent"].get<std::string>()) : nullptr;
  if (!intent) {
    problem = "the model named an intent the registry does not have";
    return std::nullopt;
  }
  u.intent = intent;
  u.confidence = std::clamp(content.value("confidence", 0.0), 0.0, 1.0);
  u.candidates.push_back({intent->name, u.confidence});
  u.evidence.push_back("llm " + (settings_.model.empty() ? std::string("classifier") : settings_.model) + " proposed " + intent->name);
  // The deterministic extraction first; the model fills what it left open and may replace a
  // value the matcher only took by its position in the sentence.
  u.extraction = matcher_.extract(*intent, message);
  std::set<std::string> positional;
  for (const auto& line : u.extraction.evidence) {
    if (line.find("(position)") != std::string::npos) positional.insert(line.substr(0, line.find(" ← ")));
  }
  if (content.contains("params") && content["params"].is_array()) {
    for (const auto& pair : content["params"]) {
      if (!pair.is_object() || !pair.contains("name") || !pair.contains("value") || !pair["name"].is_string() || !pair["value"].is_string()) continue;
      const std::string name = pair["name"].get<std::string>();
      const std::string raw = pair["value"].get<std::string>();
      const Parameter* p = nullptr;
      for (const auto& x : intent->parameters) if (x.name == name) p = &x;
      if (!p) {
        u.extraction.unknown_keys.push_back(name);
        continue;
      }
      const bool replaceable = positional.contains(name);
      if (u.extraction.params.contains(name) && !replaceable) continue;
      const ValueCheck check = check_value(*p, raw);
      if (!check.value) {
        if (!replaceable) u.extraction.rejected.push_back({name, raw, check.problem});
      } else if (!said_in(std::string(message), *p, *check.value, raw)) {
        u.extraction.evidence.push_back(name + " ← " + raw + " dropped: not in the message");
      } else {
        u.extraction.params[name] = *check.value;
        u.extraction.evidence.push_back(name + " ← " + raw + " (llm)");
      }
    }
  }
  if (u.confidence < Matcher::kThreshold) u.intent = nullptr;
  return u;
}

}  // namespace bellwether::intent
