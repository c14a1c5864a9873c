#pragma once
// How a chat message is cut into words: quotes keep a value together, commas and sentence
// punctuation separate, and the characters values are made of (- _ . / : = % @) stay inside
// a word so "aks-prod-01", "2.3.1", "key=value" and "5%" survive as one token.
#include <string>
#include <string_view>
#include <vector>

namespace bellwether::intent {

struct Token {
  std::string text;   // as typed (quotes removed); the value a parameter receives
  std::string lower;  // lower case, for matching
  bool quoted = false;
  bool colon = false;  // typed with a trailing ':' ("ns: payments"), which is not part of it
};

std::vector<Token> tokenize(std::string_view message);

std::string to_lower(std::string_view s);

// A light suffix stripper so that "namespaces", "scaling" and "deployed" meet "namespace",
// "scale" and "deploy"; applied to registry words and message words alike.
std::string stem(std::string_view lower_word);

// Damerau–Levenshtein (optimal string alignment) distance, giving up above `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

// The typo budget for a word of this length: none below 4 letters, 1 up to 7, 2 from 8.
int typo_budget(std::size_t length);

// The non-empty pieces of `text` between any of the `separators`.
std::vector<std::string> split_on(std::string_view text, std::string_view separators);

// True when the token has letters only (a candidate keyword rather than a value).
bool is_word(std::string_view lower);

}  // namespace bellwether::intent
