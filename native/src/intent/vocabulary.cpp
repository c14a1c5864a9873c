#include "intent/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "intent/text.hpp"

namespace bellwether::intent {
namespace {

bool in(const std::set<std::string, std::less<>>& words, std::string_view w) { return words.find(w) != words.end(); }

}  // namespace

const std::vector<ActionWord>& action_words() {
  static const std::vector<ActionWord> table = [] {
    struct Row {
      const char* concept_name;
      bool weak;
      std::vector<const char*> phrases;
    };
    const std::vector<Row> rows = {
        {"create", false, {"create", "spin up", "spinup", "provision", "set up", "setup", "stand up", "bring up",
                           "initialise", "initialize", "init", "generate"}},
        {"create", true, {"new", "make", "add", "open"}},
        {"delete", false, {"delete", "remove", "drop", "nuke", "tear down", "teardown", "destroy", "purge", "wipe",
                           "get rid of", "decommission", "deprovision", "blow away", "rm", "del", "trash", "kill off",
                           "flush", "clear", "empty", "invalidate"}},
        {"deploy", false, {"deploy", "ship", "release", "roll out", "rollout", "push out", "go live", "launch",
                           "install", "upgrade"}},
        {"deploy", true, {"push", "put", "update"}},
        {"rollback", false, {"rollback", "roll back", "revert", "undo", "downgrade", "back out", "roll it back",
                             "go back"}},
        {"restart", false, {"restart", "bounce", "reboot", "kick", "recycle", "cycle", "reload", "redeploy pods"}},
        {"scale", false, {"scale", "resize", "bump", "scale up", "scale down", "scale out", "scale in", "grow", "shrink"}},
        {"promote", false, {"promote", "graduate", "advance", "proceed with", "finish", "complete", "full rollout",
                            "send all traffic", "shift all traffic", "all traffic", "go to 100%"}},
        {"pause", false, {"pause", "hold", "halt", "freeze", "suspend"}},
        {"resume", false, {"resume", "unpause", "continue", "unfreeze"}},
        {"status", true, {"status", "check", "show", "list", "get", "describe", "inspect"}},
    };
    std::vector<ActionWord> out;
    for (const auto& row : rows) {
      for (const char* phrase : row.phrases) out.push_back({split_on(phrase, " "), row.concept_name, row.weak});
    }
    std::stable_sort(out.begin(), out.end(), [](const ActionWord& a, const ActionWord& b) { return a.words.size() > b.words.size(); });
    return out;
  }();
  return table;
}

bool is_stopword(std::string_view lower) {
  static const std::set<std::string, std::less<>> words = {
      "a", "an", "the", "this", "that", "these", "those", "it", "its", "my", "our", "your", "their", "me", "us",
      "i", "we", "you", "he", "she", "they", "please", "pls", "plz", "can", "could", "would", "will", "should",
      "shall", "may", "might", "must", "do", "does", "did", "be", "been", "being", "am", "are", "was", "were",
      "hey", "hi", "hello", "yo", "bot", "bellwether", "thanks", "thank", "thx", "ty", "kindly", "just", "now",
      "asap", "quickly", "right", "away", "real", "quick", "some", "something", "stuff", "thing", "things", "one",
      "for", "with", "from", "and", "or", "but", "so", "then", "also", "too", "of", "by", "at", "in", "on", "to",
      "into", "onto", "up", "down", "out", "off", "over", "let", "lets", "let's", "need", "needs", "want", "wanna",
      "like", "id", "i'd", "im", "i'm", "go", "ahead", "again", "there", "here", "all", "any", "not", "no", "is",
      "called", "named", "as", "via", "using", "use", "set", "have", "has", "get", "got", "gonna", "team", "folks",
      "guys", "everyone", "someone", "ok", "okay", "yeah", "hmm", "um", "uh", "what", "how", "why", "when",
      "where", "which", "who", "whom", "if", "else", "than", "very", "much", "more", "less", "same", "new",
      "last", "latest", "previous", "current", "v", "time", "today", "tonight", "pod", "pods", "instances", "instance", "x"};
  return in(words, lower);
}

bool is_filler(std::string_view lower) {
  static const std::set<std::string, std::less<>> words = {"called", "named", "is", "=", ":", "of", "as", "be", "to", "for",
                                                          "should", "will", "equals", "equal", "at"};
  return in(words, lower);
}

bool is_preposition(std::string_view lower) {
  static const std::set<std::string, std::less<>> words = {"in", "on", "to", "at", "for", "into", "onto", "from",
                                                          "with", "by", "as", "via", "of", "inside", "within"};
  return in(words, lower);
}

std::string canonical_choice(std::string_view value) {
  std::string out;
  const std::string lower = to_lower(value);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    if (c == '%') {
      out += "pct";
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
    }
  }
  // "5 percent" and "5percent" read as 5pct.
  const auto percent = out.rfind("percent");
  if (percent != std::string::npos && percent + 7 == out.size() && percent > 0) out.replace(percent, 7, "pct");
  return out;
}

std::string abbreviation_group(std::string_view canonical) {
  static const std::vector<std::vector<std::string>> groups = {
      {"prod", "production", "prd", "live"},
      {"staging", "stage", "stg"},
      {"dev", "development", "develop"},
      {"test", "testing", "tst"},
      {"qa", "quality"},
      {"uat", "acceptance"},
      {"preprod", "preproduction"},
      {"sandbox", "sbx"},
      {"bluegreen", "bg"},
  };
  for (const auto& g : groups) {
    if (std::find(g.begin(), g.end(), canonical) != g.end()) return g.front();
  }
  return std::string(canonical);
}

std::optional<long long> number_word(std::string_view lower) {
  static const std::array<const char*, 13> words = {"zero", "one", "two", "three", "four", "five", "six",
                                                     "seven", "eight", "nine", "ten", "eleven", "twelve"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (lower == words[i]) return static_cast<long long>(i);
  }
  return std::nullopt;
}

std::string normalize_message(std::string_view message) {
  std::string out;
  for (char raw : message) {
    const auto c = static_cast<unsigned char>(raw);
    if (std::isspace(c) || c == '!' || c == '.' || c == ',' || c == '?') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (!std::iscntrl(c)) {
      out += static_cast<char>(std::tolower(c));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool means_yes(std::string_view m) {
  static const std::set<std::string, std::less<>> phrases = {
      "yes", "y", "yep", "yeah", "yup", "sure", "ok", "okay", "confirm", "confirmed", "go", "go ahead", "do it",
      "ship it", "lgtm", "yes please", "please do", "proceed", "approved", "approve", "affirmative", "run it",
      "trigger it", "yes go", "yes do it", "go for it", "👍"};
  return in(phrases, m);
}

bool means_no(std::string_view m) {
  static const std::set<std::string, std::less<>> phrases = {"no", "n", "nope", "nah", "no thanks", "don't",
                                                            "do not", "negative", "no way"};
  return in(phrases, m);
}

bool means_cancel(std::string_view m) {
  static const std::set<std::string, std::less<>> phrases = {
      "cancel", "never mind", "nevermind", "nvm", "forget it", "abort", "stop", "quit", "exit", "cancel that",
      "cancel it", "scratch that", "forget that", "start over", "reset"};
  return in(phrases, m);
}

bool means_help(std::string_view m) {
  static const std::set<std::string, std::less<>> phrases = {
      "help", "what can you do", "what can i do", "what can you do for me", "commands", "list commands",
      "what do you do", "usage", "menu", "options", "what are my options", "show help", "how does this work"};
  return in(phrases, m);
}

}  // namespace bellwether::intent
