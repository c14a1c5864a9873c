#pragma once
// The built-in DevOps vocabulary: the words people use for the same operation, the words
// that carry no meaning for matching, and the standard abbreviations of choice values.
// It is applied to the registry and to messages alike, so it works on any registry.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bellwether::intent {

struct ActionWord {
  std::vector<std::string> words;  // one word or a phrase ("spin", "up")
  std::string concept_name;        // e.g. "create"
  bool weak = false;               // "new", "make": an action only when no strong one is said
};

// Phrases first, longest first, so "roll back" wins over "roll".
const std::vector<ActionWord>& action_words();

// Articles, pronouns, politeness and glue words ("please", "the", "can you").
bool is_stopword(std::string_view lower);

// Words between a parameter's name and its value: "namespace called x", "version is 2".
bool is_filler(std::string_view lower);

// Prepositions that introduce a value ("in", "on", "to"); as aliases they only take valid values.
bool is_preposition(std::string_view lower);

// The canonical form of a choice-like value: lower case, no - _ . or spaces, % as "pct".
std::string canonical_choice(std::string_view value);

// The group of standard abbreviations a canonical word belongs to ("production" → "prod"),
// or the word itself.
std::string abbreviation_group(std::string_view canonical);

// "three" → 3, "a dozen" is not supported; digits are parsed elsewhere.
std::optional<long long> number_word(std::string_view lower);

// Whole-message intents of the conversation itself.
bool means_yes(std::string_view normalized_message);
bool means_no(std::string_view normalized_message);
bool means_cancel(std::string_view normalized_message);
bool means_help(std::string_view normalized_message);

// Lower case, punctuation at the ends and doubled spaces removed: "Yes please!!" → "yes please".
std::string normalize_message(std::string_view message);

}  // namespace bellwether::intent
