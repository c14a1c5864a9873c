#include "intent/extraction.hpp"

#include <algorithm>
#include <cctype>

#include "intent/text.hpp"
#include "intent/vocabulary.hpp"

namespace bellwether::intent {
namespace {

// Ordinary words and names a value pattern is tried on: one that accepts none of them
// identifies its parameter by the value's shape alone (aks-prod-01, rg-prod, 2.3.1).
bool pattern_discriminates(const Parameter& p) {
  if (!p.compiled_pattern) return false;
  static const char* const probes[] = {"payments", "checkout", "search", "hello", "prod", "staging", "service",
                                       "web", "api", "main", "alpha", "x", "team", "billing", "frontend"};
  return std::none_of(std::begin(probes), std::end(probes),
                      [&](const char* w) { return std::regex_match(w, *p.compiled_pattern); });
}

std::vector<std::string> words_of(const std::string& name) { return split_on(to_lower(name), "_- "); }

bool is_number(const std::string& lower) {
  if (number_word(lower)) return true;
  std::size_t i = (!lower.empty() && lower[0] == '+') ? 1 : 0;
  if (i >= lower.size()) return false;
  return std::all_of(lower.begin() + static_cast<long>(i), lower.end(), [](unsigned char c) { return std::isdigit(c); });
}

class Extractor {
 public:
  Extractor(const IntentKeys& keys, const std::vector<Word>& words) : keys_(keys), words_(words), used_(words.size(), false) {}

  Extraction run(const std::string& pending) {
    explicit_forms();
    keyword_neighbours();
    choice_values();
    pattern_values();
    lone_numbers();
    if (!pending.empty()) pending_answer(pending);
    free_text();
    collect_unexplained();
    return std::move(out_);
  }
  const std::vector<bool>& used() const { return used_; }

 private:
  const IntentKeys& keys_;
  const std::vector<Word>& words_;
  std::vector<bool> used_;
  Extraction out_;

  bool filled(const Parameter& p) const {
    return out_.params.contains(p.name) ||
           std::any_of(out_.rejected.begin(), out_.rejected.end(), [&](const RejectedValue& r) { return r.parameter == p.name; });
  }

  const ParameterKeys* by_key(const std::string& key) const {
    std::string k = to_lower(key);
    while (!k.empty() && k.front() == '-') k.erase(0, 1);
    std::replace(k.begin(), k.end(), '-', '_');
    for (const auto& pk : keys_.parameters) {
      if (to_lower(pk.parameter->name) == k) return &pk;
      for (const auto& alias : pk.parameter->aliases) {
        std::string a = to_lower(alias);
        std::replace(a.begin(), a.end(), '-', '_');
        if (a == k) return &pk;
      }
    }
    return nullptr;
  }

  // Records a value for p; `strong`: the user clearly meant it for p, so a bad value is
  // reported rather than ignored.
  bool offer(const Parameter& p, const std::string& raw, bool strong, const char* how) {
    if (filled(p)) return false;
    const ValueCheck check = check_value(p, raw);
    if (check.value) {
      out_.params[p.name] = *check.value;
      out_.evidence.push_back(p.name + " ← " + raw + " (" + how + ")");
      return true;
    }
    if (strong) {
      out_.rejected.push_back({p.name, raw, check.problem});
      return true;
    }
    return false;
  }

  // Part of a key=value / --key / key: form, handled first and never a value elsewhere.
  void explicit_forms() {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (used_[i]) continue;
      const std::string& text = words_[i].token.text;
      const auto eq = text.find('=');
      const auto colon = text.find(':');
      if (eq != std::string::npos && eq > 0) {
        take_pair(i, text.substr(0, eq), text.substr(eq + 1), i);
      } else if (text.size() > 2 && text.rfind("--", 0) == 0) {
        if (const ParameterKeys* pk = by_key(text)) {
          used_[i] = true;
          const bool has_value = i + 1 < words_.size() && !used_[i + 1] && words_[i + 1].token.text.rfind("--", 0) != 0;
          if (has_value) {
            used_[i + 1] = true;
            offer(*pk->parameter, words_[i + 1].token.text, true, "option");
          } else if (pk->parameter->type == ParameterType::boolean) {
            offer(*pk->parameter, "true", true, "flag");
          }
        } else {
          used_[i] = true;
          out_.unknown_keys.push_back(text.substr(2));
        }
      } else if (words_[i].token.colon && by_key(text) && i + 1 < words_.size() && !used_[i + 1]) {
        take_pair(i, text, words_[i + 1].token.text, i + 1);  // "ns: payments"
      } else if (colon != std::string::npos && colon > 0 && text.find("://") == std::string::npos &&
                 by_key(text.substr(0, colon))) {
        take_pair(i, text.substr(0, colon), text.substr(colon + 1), i);  // "env:prod"
      }
    }
  }

  void take_pair(std::size_t at, const std::string& key, const std::string& value, std::size_t last) {
    for (std::size_t k = at; k <= last; ++k) used_[k] = true;
    if (const ParameterKeys* pk = by_key(key)) {
      offer(*pk->parameter, value, true, "key=value");
    } else {
      out_.unknown_keys.push_back(key);
    }
  }

  // How many words of the key start at i (0: no match).
  std::size_t key_at(const std::vector<std::string>& key, std::size_t i) const {
    if (i + key.size() > words_.size()) return 0;
    for (std::size_t k = 0; k < key.size(); ++k) {
      if (used_[i + k]) return 0;
      std::string w = words_[i + k].lower;
      std::replace(w.begin(), w.end(), '-', '_');
      const bool same = w == key[k] || (key[k].size() >= 4 && stem(w) == stem(key[k]));
      if (!same) return 0;
    }
    return key.size();
  }

  bool is_key_word(std::size_t i) const {
    for (const auto& pk : keys_.parameters) {
      for (std::size_t k = 0; k < pk.keys.size(); ++k) {
        if (!pk.weak[k] && key_at(pk.keys[k], i)) return true;
      }
    }
    return false;
  }

  // Could word i be a value at all (not glue, not an action, not another parameter's name)?
  bool value_like(std::size_t i) const {
    if (i >= words_.size() || used_[i]) return false;
    const Word& w = words_[i];
    if (w.token.quoted) return true;
    if (w.stop || is_preposition(w.lower) || is_filler(w.lower)) return false;
    if (!w.action.empty() && w.corrected_from.empty()) return false;
    return !is_key_word(i);
  }

  void keyword_neighbours() {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      for (const auto& pk : keys_.parameters) {
        if (filled(*pk.parameter)) continue;
        for (std::size_t k = 0; k < pk.keys.size(); ++k) {
          const std::size_t n = key_at(pk.keys[k], i);
          if (n == 0) continue;
          if (try_after(pk, k, i, n) || try_before(pk, k, i, n)) break;
        }
      }
    }
  }

  // "with force", "without force", "force no": a flag needs no value.
  bool try_flag(const ParameterKeys& pk, std::size_t i, std::size_t n) {
    const Parameter& p = *pk.parameter;
    const std::size_t j = i + n;
    if (j < words_.size() && !used_[j] && check_value(p, words_[j].token.text).value) {
      offer(p, words_[j].token.text, true, "named");
      for (std::size_t m = i; m <= j; ++m) used_[m] = true;
      return true;
    }
    const bool negated = i > 0 && (words_[i - 1].lower == "no" || words_[i - 1].lower == "without" || words_[i - 1].lower == "not");
    offer(p, negated ? "false" : "true", true, "flag");
    for (std::size_t m = negated ? i - 1 : i; m < j; ++m) used_[m] = true;
    return true;
  }

  bool try_after(const ParameterKeys& pk, std::size_t k, std::size_t i, std::size_t n) {
    if (pk.parameter->type == ParameterType::boolean && !pk.weak[k]) return try_flag(pk, i, n);
    std::size_t j = i + n;
    while (j < words_.size() && !used_[j] && is_filler(words_[j].lower) && !words_[j].token.quoted) ++j;
    if (!value_like(j)) return false;
    const Parameter& p = *pk.parameter;
    // "scale to 3 replicas in prod": an int key with the number before it reads backwards.
    if (p.type == ParameterType::integer && !is_number(words_[j].lower) && i > 0 && is_number(words_[i - 1].lower)) return false;
    const bool strong = !pk.weak[k];
    if (!offer(p, words_[j].token.text, strong, strong ? "named" : "preposition")) return false;
    for (std::size_t m = i; m <= j; ++m) used_[m] = true;
    return true;
  }

  bool try_before(const ParameterKeys& pk, std::size_t k, std::size_t i, std::size_t n) {
    if (pk.weak[k] || i == 0 || !value_like(i - 1) || own_word(i - 1)) return false;
    const Parameter& p = *pk.parameter;
    // "the payments namespace", "3 replicas": only when nothing usable follows the key.
    if (p.type != ParameterType::integer && i + n < words_.size() && value_like(i + n)) return false;
    if (!offer(p, words_[i - 1].token.text, p.type == ParameterType::integer, "named")) return false;
    for (std::size_t m = i - 1; m < i + n; ++m) used_[m] = true;
    return true;
  }

  void choice_values() {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (used_[i]) continue;
      const bool single_ok = value_like(i) || (words_[i].lower.size() > 1 && !words_[i].action.empty());
      // "blue green", "us east", "5 %": two words that only together make a choice.
      for (std::size_t span : {2u, 1u}) {
        if (i + span > words_.size() || (span == 1 && !single_ok)) continue;
        std::string raw;
        bool free = true;
        for (std::size_t k = i; k < i + span; ++k) {
          free = free && !used_[k];
          raw += (k > i ? " " : "") + words_[k].token.text;
        }
        if (!free) continue;
        const ParameterKeys* only = nullptr;
        int matches = 0;
        for (const auto& pk : keys_.parameters) {
          const Parameter& p = *pk.parameter;
          if (p.type != ParameterType::choice || filled(p)) continue;
          if (check_value(p, raw).value) only = &pk, ++matches;
        }
        if (matches == 1) {
          offer(*only->parameter, raw, false, "choice");
          for (std::size_t k = i; k < i + span; ++k) used_[k] = true;
          break;
        }
      }
    }
  }

  void pattern_values() {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (!value_like(i)) continue;
      const ParameterKeys* only = nullptr;
      int matches = 0;
      for (const auto& pk : keys_.parameters) {
        if (!pk.discriminating || filled(*pk.parameter)) continue;
        if (check_value(*pk.parameter, words_[i].token.text).value) only = &pk, ++matches;
      }
      if (matches == 1 && offer(*only->parameter, words_[i].token.text, false, "pattern")) used_[i] = true;
    }
  }

  // "scale checkout to 5": the one number for the one open int parameter.
  void lone_numbers() {
    std::vector<const Parameter*> open;
    for (const auto& pk : keys_.parameters) {
      if (pk.parameter->type == ParameterType::integer && !filled(*pk.parameter)) open.push_back(pk.parameter);
    }
    std::vector<std::size_t> numbers;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (!used_[i] && is_number(words_[i].lower) && words_[i].lower != "one") numbers.push_back(i);
    }
    if (open.size() == 1 && numbers.size() == 1 && offer(*open.front(), words_[numbers.front()].token.text, false, "number")) {
      used_[numbers.front()] = true;
    }
  }

  // A follow-up answer to the question just asked: the one word that fits, or the whole
  // (quoted or single-word) answer, reported when it does not fit.
  void pending_answer(const std::string& name) {
    const auto it = std::find_if(keys_.parameters.begin(), keys_.parameters.end(),
                                 [&](const ParameterKeys& pk) { return pk.parameter->name == name; });
    if (it == keys_.parameters.end() || filled(*it->parameter)) return;
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (!used_[i] && (value_like(i) || is_number(words_[i].lower) || !words_[i].action.empty())) open.push_back(i);
    }
    std::vector<std::size_t> fitting;
    for (auto i : open) {
      if (check_value(*it->parameter, words_[i].token.text).value) fitting.push_back(i);
    }
    if (fitting.size() == 1) {
      offer(*it->parameter, words_[fitting.front()].token.text, true, "answer");
      used_[fitting.front()] = true;
    } else if (open.size() == 1) {
      offer(*it->parameter, words_[open.front()].token.text, true, "answer");
      used_[open.front()] = true;
    }
  }

  void free_text() {
    for (const auto& pk : keys_.parameters) {
      const Parameter& p = *pk.parameter;
      if (!p.required || p.type != ParameterType::string || pk.discriminating || filled(p)) continue;
      for (std::size_t i = 0; i < words_.size(); ++i) {
        if (!value_like(i) || !words_[i].action.empty() || is_number(words_[i].lower) || own_word(i)) continue;
        if (i == opening_verb()) continue;  // "clear redis for x": the request's verb
        if (offer(p, words_[i].token.text, false, "position")) {
          used_[i] = true;
          break;
        }
      }
    }
  }

  // The first content word when it opens the request (not "the checkout deploy …").
  std::size_t opening_verb() const {
    static const std::unordered_set<std::string> determiners = {"the", "a", "an", "this", "that", "my", "our", "your", "their"};
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (words_[i].stop) {
        if (determiners.contains(words_[i].lower)) return words_.size();
        continue;
      }
      return i;
    }
    return words_.size();
  }

  bool own_word(std::size_t i) const { return !words_[i].token.quoted && keys_.own_terms.contains(words_[i].term); }

  void collect_unexplained() {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (!used_[i] && value_like(i) && words_[i].action.empty() && !own_word(i)) out_.unexplained.push_back(words_[i].token.text);
    }
  }
};

}  // namespace

IntentKeys keys_of(const Intent& intent) {
  IntentKeys out;
  out.intent = &intent;
  for (const auto& p : intent.parameters) {
    ParameterKeys pk;
    pk.parameter = &p;
    pk.keys.push_back(words_of(p.name));
    pk.weak.push_back(false);
    if (pk.keys.back().size() > 1) {  // resource_group is also typed "resource-group"
      pk.keys.push_back({to_lower(p.name)});
      pk.weak.push_back(false);
    }
    for (const auto& alias : p.aliases) {
      const auto words = words_of(alias);
      if (words.empty()) continue;
      pk.keys.push_back(words);
      pk.weak.push_back(words.size() == 1 && (is_preposition(words[0]) || is_stopword(words[0])));
    }
    pk.discriminating = pattern_discriminates(p);
    out.parameters.push_back(std::move(pk));
  }
  return out;
}

Extraction extract_parameters(const IntentKeys& keys, const std::vector<Word>& words, const std::string& pending,
                              std::vector<bool>* consumed) {
  Extractor extractor(keys, words);
  Extraction out = extractor.run(pending);
  if (consumed) *consumed = extractor.used();
  return out;
}

}  // namespace bellwether::intent
