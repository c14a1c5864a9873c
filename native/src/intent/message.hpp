#pragma once
// A message as the matcher reads it: tokens with their typo-corrected lower-case form, the
// action concept they express ("spin up" → create), and whether they carry meaning.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "intent/text.hpp"

namespace bellwether::intent {

struct Word {
  Token token;
  std::string lower;           // after typo correction
  std::string corrected_from;  // the typed form when it was corrected, else empty
  std::string action;          // action concept, empty if none
  bool weak_action = false;   // a weak verb ("make") or a noun ("the rollout")
  bool negated = false;       // "don't restart": ignored
  bool stop = false;           // a stop word (and not part of an action phrase)
  std::string term;            // what it matches in intent profiles: "@create" or its stem
};

// Corrects words to the nearest known word within the typo budget (symmetric deletions, so a
// lookup costs a few hash probes instead of a scan of the vocabulary).
class TypoCorrector {
 public:
  void add(const std::string& lower_word);
  // The known word itself, its unique nearest neighbour, or "" when none or several tie.
  std::string correct(const std::string& lower_word) const;
  bool knows(const std::string& lower_word) const { return words_.contains(lower_word); }

 private:
  std::unordered_set<std::string> words_;
  std::unordered_map<std::string, std::vector<std::string>> deletions_;
};

// Every action phrase word and stop word is known to the corrector as well as the registry's.
void add_vocabulary_words(TypoCorrector& corrector);

// A message with no lower-case letter is shouting: its values are taken in lower case.
// Words past `max_words` are not read (a request is a sentence or two, not a pasted log).
std::vector<Word> read_message(std::string_view message, const TypoCorrector& corrector, std::size_t max_words = 300);

// The action phrases and terms of a registry text (name, description, example), no correction.
std::vector<Word> read_registry_text(std::string_view text);

}  // namespace bellwether::intent
