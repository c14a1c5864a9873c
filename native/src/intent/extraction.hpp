#pragma once
// Parameter extraction for one intent: explicit forms (key=value, --key value, key: value),
// a parameter's name or alias next to its value ("namespace payments", "3 replicas", "on
// aks-prod-01"), choice values anywhere ("to production"), values only one parameter's
// pattern accepts ("2.3.1"), and, last, a bare word for the one free-text parameter still
// open ("deploy checkout"). Nothing the user did not type is ever filled in.
#include <string>
#include <unordered_set>
#include <vector>

#include "bellwether/intent.hpp"
#include "intent/message.hpp"

namespace bellwether::intent {

struct ParameterKeys {
  const Parameter* parameter = nullptr;
  std::vector<std::vector<std::string>> keys;  // word sequences: {"resource", "group"}, {"rg"}
  std::vector<bool> weak;                      // a preposition alias ("on"): takes valid values only
  bool discriminating = false;                 // its pattern rejects ordinary words
};

struct IntentKeys {
  const Intent* intent = nullptr;
  std::vector<ParameterKeys> parameters;
  // Stems of the intent's own words (name, description, examples): never a value by position
  // ("promote the canary" names no service called "canary").
  std::unordered_set<std::string> own_terms;
};

IntentKeys keys_of(const Intent& intent);

// `consumed` (optional) receives which words were used as keys or values.
Extraction extract_parameters(const IntentKeys& keys, const std::vector<Word>& words, const std::string& pending,
                              std::vector<bool>* consumed = nullptr);

}  // namespace bellwether::intent
