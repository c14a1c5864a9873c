#include "intent/text.hpp"

#include <algorithm>
#include <cctype>

namespace bellwether::intent {
namespace {

bool separates(unsigned char c) { return std::isspace(c) || c == ',' || c == ';' || c == '(' || c == ')'; }

// Sentence punctuation that clings to a word's ends ("prod!", "aks-dev-01.", "'payments'").
bool trims(unsigned char c) {
  return c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' || c == '`' || c == '[' || c == ']' ||
         c == '{' || c == '}' || c == '<' || c == '>' || c == '*';
}

void push(std::vector<Token>& out, std::string word, bool quoted) {
  bool colon = false;
  if (!quoted) {
    std::size_t b = 0;
    std::size_t e = word.size();
    while (b < e && trims(static_cast<unsigned char>(word[b]))) ++b;
    while (e > b && trims(static_cast<unsigned char>(word[e - 1]))) --e;
    while (e > b + 1 && word[e - 1] == ':') --e, colon = true;
    while (e > b && trims(static_cast<unsigned char>(word[e - 1]))) --e;
    word = word.substr(b, e - b);
    // Arrows, dashes and other punctuation on their own say nothing.
    if (std::none_of(word.begin(), word.end(), [](unsigned char c) { return std::isalnum(c) || c >= 0x80; })) return;
  }
  Token t;
  t.colon = colon;
  t.lower = to_lower(word);
  t.text = std::move(word);
  t.quoted = quoted;
  out.push_back(std::move(t));
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<Token> tokenize(std::string_view message) {
  std::vector<Token> out;
  std::string word;
  std::size_t i = 0;
  const auto flush = [&] {
    if (!word.empty()) push(out, std::move(word), false);
    word.clear();
  };
  while (i < message.size()) {
    const unsigned char c = static_cast<unsigned char>(message[i]);
    // A quoted value: "…" or '…' (or after key= / key:), kept whole including spaces.
    if ((c == '"' || c == '\'') && (word.empty() || word.back() == '=' || word.back() == ':')) {
      const auto close = message.find(static_cast<char>(c), i + 1);
      if (close != std::string_view::npos) {
        const std::string inner(message.substr(i + 1, close - i - 1));
        if (word.empty()) {
          push(out, inner, true);
        } else {
          push(out, word + inner, true);
          word.clear();
        }
        i = close + 1;
        continue;
      }
    }
    if (separates(c) || std::iscntrl(c)) {
      flush();
    } else {
      word += static_cast<char>(c);
    }
    ++i;
  }
  flush();
  return out;
}

std::string stem(std::string_view lower_word) {
  std::string w(lower_word);
  const auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("ies")) {
    w.replace(w.size() - 3, 3, "y");
  } else if (ends("sses")) {
    w.erase(w.size() - 2);
  } else if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    w.pop_back();
  }
  if (ends("ation") || ends("ition")) {  // "migration" meets "migrate", "rotation" "rotate"
    w.replace(w.size() - 3, 3, "e");
  } else if (ends("ing")) {
    w.erase(w.size() - 3);
  } else if (ends("ed")) {
    w.erase(w.size() - 2);
  }
  // "scaling" → "scal", "scale" → "scal"; a doubled final consonant ("dropped") also meets.
  if (w.size() > 3 && w.back() == 'e') w.pop_back();
  if (w.size() > 3 && w[w.size() - 1] == w[w.size() - 2] && std::string_view("aeiouls").find(w.back()) == std::string_view::npos) {
    w.pop_back();
  }
  return w;
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> before(static_cast<std::size_t>(m + 1)), previous(static_cast<std::size_t>(m + 1)),
      current(static_cast<std::size_t>(m + 1));
  for (int j = 0; j <= m; ++j) previous[static_cast<std::size_t>(j)] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_best = current[0];
    for (int j = 1; j <= m; ++j) {
      const auto J = static_cast<std::size_t>(j);
      const int cost = a[static_cast<std::size_t>(i - 1)] == b[J - 1] ? 0 : 1;
      int v = std::min({previous[J] + 1, current[J - 1] + 1, previous[J - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<std::size_t>(i - 1)] == b[J - 2] && a[static_cast<std::size_t>(i - 2)] == b[J - 1]) {
        v = std::min(v, before[J - 2] + 1);  // a transposition: "delpoy"
      }
      current[J] = v;
      row_best = std::min(row_best, v);
    }
    if (row_best > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[static_cast<std::size_t>(m)];
}

std::vector<std::string> split_on(std::string_view text, std::string_view separators) {
  std::vector<std::string> out;
  std::string piece;
  for (char c : text) {
    if (separators.find(c) == std::string_view::npos) {
      piece += c;
      continue;
    }
    if (!piece.empty()) out.push_back(piece);
    piece.clear();
  }
  if (!piece.empty()) out.push_back(piece);
  return out;
}

int typo_budget(std::size_t length) {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

bool is_word(std::string_view lower) {
  return !lower.empty() && std::all_of(lower.begin(), lower.end(), [](unsigned char c) { return std::isalpha(c); });
}

}  // namespace bellwether::intent
