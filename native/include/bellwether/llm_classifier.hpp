#pragma once
// An optional LLM classifier over an OpenAI-compatible Chat Completions API (OpenAI, Azure
// OpenAI, local servers), asked for structured output with a JSON schema. Its answer is only
// a proposal: the intent must exist, every value must have been said in the message and pass
// the registry's validation. Any failure (no key, timeout, refusal, malformed answer) means
// "no opinion", and the deterministic matcher decides.
#include <optional>
#include <string>
#include <string_view>

#include "bellwether/intent.hpp"

namespace bellwether::intent {

struct LlmSettings {
  std::string url;    // https://api.openai.com/v1, or a full …/chat/completions?api-version=… URL
  std::string model;  // e.g. gpt-4o-mini; Azure takes the deployment from the URL
  std::string api_key_env = "BELLWETHER_LLM_API_KEY";
  double timeout_seconds = 10;
};

class LlmClassifier {
 public:
  LlmClassifier(LlmSettings settings, const Matcher& matcher);

  // nullopt: no opinion, with the reason in `problem` for the caller to log. Never throws for
  // network or answer problems. Thread-safe.
  std::optional<Understanding> propose(std::string_view message, std::string& problem) const;

 private:
  LlmSettings settings_;
  const Matcher& matcher_;
};

}  // namespace bellwether::intent
