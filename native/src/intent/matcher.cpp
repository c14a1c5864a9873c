// Intent scoring. Each intent has a profile of weighted terms from the registry's own words
// (name ×3, description ×1.5, examples and parameter names ×1; values in the examples are
// left out), every term weighted by its rarity across intents (idf). A message's score for an
// intent is the share of the intent's name it expresses, plus evidence from the parameters
// it states, discounted for operations the intent does not do ("delete" against a create
// intent) and for content words nothing explains ("create a jira ticket").
#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "bellwether/intent.hpp"
#include "intent/extraction.hpp"
#include "intent/message.hpp"

namespace bellwether::intent {
namespace {

constexpr double kNameWeight = 3.0;
constexpr double kDescriptionWeight = 1.5;
constexpr double kExampleWeight = 1.0;
constexpr double kParameterWeight = 1.0;
constexpr double kStatedParameterBonus = 1.0;  // per value found by name, choice or pattern
constexpr double kForeignActionFactor = 0.5;   // per operation the intent does not do
constexpr double kNoSharedActionFactor = 0.5;  // none of the message's operations is the intent's
constexpr double kUnexplainedFactor = 0.85;    // per content word nothing explains
constexpr double kOnlyTheVerbFactor = 0.9;     // neither the intent's object nor a typed value was said
constexpr std::size_t kScoredCandidates = 6;   // extraction runs for the best few only

bool has_digit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

struct Profile {
  const Intent* intent = nullptr;
  IntentKeys keys;
  std::unordered_map<std::string, double> weight;  // term → strongest source weight
  std::set<std::string> actions;                   // operations the registry's words name
  double identity = 0;                             // the score of the whole name
  std::set<std::string> objects;                   // the name's other words: "namespace", "worker"
};

// An intent's name as words; in "pause_rollout" only the first operation is the verb.
std::vector<Word> read_name(const std::string& intent_name) {
  std::string name = intent_name;
  std::replace(name.begin(), name.end(), '_', ' ');
  std::replace(name.begin(), name.end(), '-', ' ');
  auto words = read_registry_text(name);
  bool verb_seen = false;
  for (auto& w : words) {
    if (w.action.empty() || w.stop) continue;
    if (verb_seen) w.weak_action = true;
    verb_seen = true;
  }
  return words;
}

}  // namespace

struct Matcher::Index {
  JobRegistry registry;
  std::vector<Profile> profiles;
  std::unordered_map<std::string, double> idf;
  std::unordered_map<std::string, std::vector<std::size_t>> postings;  // term → profiles
  TypoCorrector corrector;
  std::unordered_map<std::string, std::vector<Word>> names;  // lower-case intent name → its words

  std::vector<Word> read(std::string_view message) const;

  void add_terms(Profile& profile, const std::vector<Word>& words, double weight, const std::vector<bool>* skip) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Word& w = words[i];
      if (w.stop || (skip && (*skip)[i]) || w.term.empty()) continue;
      if (w.action.empty() && has_digit(w.lower)) continue;
      double& slot = profile.weight[w.term];
      slot = std::max(slot, weight);
      if (!w.action.empty() && !w.weak_action) profile.actions.insert(w.action);
      if (w.action.empty()) profile.keys.own_terms.insert(w.term);
      corrector.add(w.lower);
    }
  }

  void build() {
    add_vocabulary_words(corrector);
    profiles.reserve(registry.intents.size());
    for (const auto& intent : registry.intents) {
      Profile profile;
      profile.intent = &intent;
      profile.keys = keys_of(intent);
      add_terms(profile, read_name(intent.name), kNameWeight, nullptr);
      names[to_lower(intent.name)] = read_name(intent.name);
      add_terms(profile, read_registry_text(intent.description), kDescriptionWeight, nullptr);
      for (const auto& example : intent.examples) {
        const auto words = read_registry_text(example);
        std::vector<bool> values;  // an example's values are not words of the intent
        extract_parameters(profile.keys, words, "", &values);
        add_terms(profile, words, kExampleWeight, &values);
      }
      for (const auto& pk : profile.keys.parameters) {
        for (std::size_t k = 0; k < pk.keys.size(); ++k) {
          if (pk.weak[k]) continue;
          std::string phrase;
          for (const auto& w : pk.keys[k]) phrase += w + " ";
          add_terms(profile, read_registry_text(phrase), kParameterWeight, nullptr);
        }
      }
      profiles.push_back(std::move(profile));
    }
    const double n = static_cast<double>(profiles.size());
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      for (const auto& [term, _] : profiles[i].weight) postings[term].push_back(i);
    }
    for (const auto& [term, list] : postings) idf[term] = std::log(1.0 + n / static_cast<double>(list.size()));
    for (auto& profile : profiles) {
      std::set<std::string> seen;
      for (const auto& w : read_name(profile.intent->name)) {
        if (w.stop || !seen.insert(w.term).second) continue;
        if (w.action.empty() || w.weak_action) profile.objects.insert(w.term);
        profile.identity += kNameWeight * idf[w.term];
      }
      if (profile.identity <= 0) profile.identity = 1;
    }
  }
};

Matcher::Matcher(const JobRegistry& registry) : index_(std::make_unique<Index>()) {
  index_->registry = registry;
  index_->build();
}

Matcher::~Matcher() = default;

const JobRegistry& Matcher::registry() const { return index_->registry; }

// A message's words; an intent's name typed as one token ("create_namespace") reads as the
// name's words.
std::vector<Word> Matcher::Index::read(std::string_view message) const {
  auto words = read_message(message, corrector);
  std::vector<Word> out;
  out.reserve(words.size());
  for (auto& w : words) {
    std::string key = w.lower;
    std::replace(key.begin(), key.end(), '-', '_');
    const auto it = names.find(key);
    if (it == names.end() || w.token.quoted) {
      out.push_back(std::move(w));
      continue;
    }
    for (Word part : it->second) {
      part.token.text = part.token.lower = part.lower;
      out.push_back(std::move(part));
    }
  }
  return out;
}

Extraction Matcher::extract(const Intent& intent, std::string_view message, const std::string& pending) const {
  const auto words = index_->read(message);
  for (const auto& profile : index_->profiles) {
    if (profile.intent->name == intent.name) return extract_parameters(profile.keys, words, pending);
  }
  return extract_parameters(keys_of(intent), words, pending);
}

Understanding Matcher::understand(std::string_view message) const {
  const Index& ix = *index_;
  const auto words = ix.read(message);

  std::set<std::string> strong_actions, weak_actions;
  for (const auto& w : words) {
    if (!w.action.empty() && !w.stop) (w.weak_action ? weak_actions : strong_actions).insert(w.action);
  }
  const std::set<std::string>& said_actions = strong_actions.empty() ? weak_actions : strong_actions;

  // Raw term evidence per intent.
  std::vector<double> raw(ix.profiles.size(), 0.0);
  std::set<std::string> terms;
  for (const auto& w : words) {
    if (w.stop || w.term.empty()) continue;
    if (!w.action.empty() && w.weak_action && !strong_actions.empty()) continue;
    terms.insert(w.term);
  }
  for (const auto& term : terms) {
    const auto it = ix.postings.find(term);
    if (it == ix.postings.end()) continue;
    const double idf = ix.idf.at(term);
    for (auto i : it->second) raw[i] += ix.profiles[i].weight.at(term) * idf;
  }

  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] > 0) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    return raw[a] / ix.profiles[a].identity > raw[b] / ix.profiles[b].identity;
  });
  if (order.size() > kScoredCandidates) order.resize(kScoredCandidates);

  struct Scored {
    std::size_t profile;
    double score;
    Extraction extraction;
  };
  std::vector<Scored> scored;
  for (auto i : order) {
    const Profile& profile = ix.profiles[i];
    Extraction extraction = extract_parameters(profile.keys, words, "");
    double evidence = raw[i];
    int stated = 0;
    for (const auto& line : extraction.evidence) {
      if (line.find("(position)") == std::string::npos) evidence += kStatedParameterBonus, ++stated;
    }
    double score = evidence / profile.identity;
    // "restart my laptop" says the verb and a word in the value's place, and nothing else of the intent.
    const bool object_said = std::any_of(profile.objects.begin(), profile.objects.end(), [&](const std::string& t) { return terms.contains(t); });
    if (!object_said && stated == 0) score *= kOnlyTheVerbFactor;
    int foreign = 0;
    bool shared = false;
    for (const auto& action : said_actions) {
      if (profile.actions.contains(action)) {
        shared = true;
      } else {
        ++foreign;
      }
    }
    score *= std::pow(kForeignActionFactor, foreign);
    if (!said_actions.empty() && !shared) score *= kNoSharedActionFactor;
    // Extraction already left out the intent's own words, glue words and operations.
    const auto unexplained = static_cast<double>(extraction.unknown_keys.size() + extraction.unexplained.size());
    score *= std::pow(kUnexplainedFactor, unexplained);
    scored.push_back({i, score, std::move(extraction)});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });

  Understanding out;
  for (const auto& s : scored) {
    if (s.score < 0.1 && !out.candidates.empty()) break;
    if (out.candidates.size() == 3) break;
    out.candidates.push_back({ix.profiles[s.profile].intent->name, std::min(1.0, s.score)});
  }
  if (scored.empty()) return out;
  const Scored& best = scored.front();
  out.confidence = std::min(1.0, best.score);
  const bool close = scored.size() > 1 && scored[1].score >= kAmbiguity * best.score;
  for (const auto& w : words) {
    if (w.stop || w.term.empty()) continue;
    if (!ix.profiles[best.profile].weight.contains(w.term)) continue;
    std::string line = w.token.lower;
    if (!w.corrected_from.empty()) line = w.corrected_from + " ≈ " + w.lower;
    if (!w.action.empty() && w.lower != w.action) line += " → " + w.action;
    out.evidence.push_back(line);
  }
  if (best.score < kThreshold) return out;
  if (close) {
    out.ambiguous = true;
    return out;
  }
  out.intent = ix.profiles[best.profile].intent;
  out.extraction = best.extraction;
  return out;
}

}  // namespace bellwether::intent
