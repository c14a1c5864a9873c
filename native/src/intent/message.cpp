#include "intent/message.hpp"

#include <algorithm>
#include <cctype>

#include "intent/vocabulary.hpp"

namespace bellwether::intent {
namespace {

void deletions_of(const std::string& word, int depth, std::vector<std::string>& out) {
  if (depth == 0) return;
  for (std::size_t i = 0; i < word.size(); ++i) {
    std::string shorter = word;
    shorter.erase(i, 1);
    out.push_back(shorter);
    deletions_of(shorter, depth - 1, out);
  }
}

bool same_word(const std::string& typed, const std::string& known, bool continuation) {
  if (typed == known || stem(typed) == stem(known)) return true;
  // The second word of a phrase is already expected, so a short one may carry a typo ("tear dwn").
  return continuation && typed.size() >= 3 && known.size() >= 3 && edit_distance(typed, known, 1) <= 1;
}

bool is_determiner(const std::string& w) {
  static const char* const words[] = {"the", "a", "an", "this", "that", "my", "our", "your", "their", "its",
                                      "last", "latest", "previous", "current"};
  return std::any_of(std::begin(words), std::end(words), [&](const char* d) { return w == d; });
}

bool is_negation(const std::string& w) {
  static const char* const words[] = {"not", "dont", "don't", "never", "no", "without", "nor", "instead", "avoid"};
  return std::any_of(std::begin(words), std::end(words), [&](const char* d) { return w == d; });
}

void mark_actions(std::vector<Word>& words) {
  const auto& table = action_words();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!words[i].action.empty()) continue;
    for (const auto& entry : table) {
      const auto n = entry.words.size();
      if (i + n > words.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < n && same; ++k) same = same_word(words[i + k].lower, entry.words[k], k > 0);
      if (!same) continue;
      for (std::size_t k = 0; k < n; ++k) {
        words[i + k].action = entry.concept_name;
        words[i + k].weak_action = entry.weak;
        words[i + k].stop = k > 0;  // a phrase counts once, on its first word
      }
      words[i].stop = false;
      break;
    }
    if (words[i].action.empty()) continue;
    // "the checkout rollout", "a rollback": a noun, which names the operation only when no
    // verb does.
    const bool noun = (i >= 1 && is_determiner(words[i - 1].lower)) ||
                      (i >= 2 && is_determiner(words[i - 2].lower) && words[i - 1].action.empty());
    if (noun) words[i].weak_action = true;
    // "don't restart it", "no rollback needed": not asked for at all.
    for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
      if (is_negation(words[i - back].lower)) words[i].negated = true;
    }
  }
}

void finish(std::vector<Word>& words) {
  mark_actions(words);
  for (auto& w : words) {
    if (w.negated) {
      w.stop = true;
    } else if (!w.action.empty()) {
      w.term = "@" + w.action;
    } else {
      w.stop = is_stopword(w.lower);
      w.term = stem(w.lower);
    }
  }
}

}  // namespace

void TypoCorrector::add(const std::string& lower_word) {
  if (!is_word(lower_word) || !words_.insert(lower_word).second) return;
  std::vector<std::string> shorter;
  deletions_of(lower_word, typo_budget(lower_word.size()), shorter);
  for (auto& s : shorter) {
    auto& list = deletions_[s];
    if (std::find(list.begin(), list.end(), lower_word) == list.end()) list.push_back(lower_word);
  }
}

std::string TypoCorrector::correct(const std::string& lower_word) const {
  if (words_.contains(lower_word)) return lower_word;
  const int budget = typo_budget(lower_word.size());
  if (budget == 0 || !is_word(lower_word)) return "";
  std::vector<std::string> probes{lower_word};
  deletions_of(lower_word, budget, probes);
  std::string best;
  int best_distance = budget + 1;
  bool tie = false;
  const auto consider = [&](const std::string& known) {
    if (known == best) return;
    // The typed word's budget and the known word's both bound the distance.
    const int limit = std::min(budget, typo_budget(known.size()));
    const int d = edit_distance(lower_word, known, limit);
    if (d > limit) return;
    if (d < best_distance) {
      best = known, best_distance = d, tie = false;
    } else if (d == best_distance) {
      tie = true;
    }
  };
  for (const auto& probe : probes) {
    if (words_.contains(probe)) consider(probe);
    if (const auto it = deletions_.find(probe); it != deletions_.end()) {
      for (const auto& known : it->second) consider(known);
    }
  }
  return tie ? "" : best;
}

void add_vocabulary_words(TypoCorrector& corrector) {
  for (const auto& entry : action_words()) {
    for (const auto& w : entry.words) corrector.add(w);
  }
}

std::vector<Word> read_message(std::string_view message, const TypoCorrector& corrector, std::size_t max_words) {
  const bool shouting = std::none_of(message.begin(), message.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  std::vector<Word> words;
  auto tokens = tokenize(message);
  if (tokens.size() > max_words) tokens.resize(max_words);
  for (auto& token : tokens) {
    Word w;
    if (shouting) token.text = token.lower;
    w.token = std::move(token);
    w.lower = w.token.lower;
    if (!w.token.quoted && !is_stopword(w.lower) && !corrector.knows(w.lower)) {
      const std::string fixed = corrector.correct(w.lower);
      if (!fixed.empty() && fixed != w.lower) {
        w.corrected_from = w.lower;
        w.lower = fixed;
      }
    }
    words.push_back(std::move(w));
  }
  finish(words);
  return words;
}

std::vector<Word> read_registry_text(std::string_view text) {
  std::vector<Word> words;
  for (auto& token : tokenize(text)) {
    Word w;
    w.lower = token.lower;
    w.token = std::move(token);
    words.push_back(std::move(w));
  }
  finish(words);
  return words;
}

}  // namespace bellwether::intent
