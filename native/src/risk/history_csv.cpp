// History CSV for training: one row per change. Columns are classified as they are read:
// numeric ones can be features; ids, dates, the label and copies of the label cannot.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "bellwether/error.hpp"
#include "bellwether/risk_model.hpp"
#include "bellwether/timestamp.hpp"
#include "sources/csv_fields.hpp"
#include "sources/mapped_file.hpp"
#include "sources/text_fields.hpp"

namespace bellwether::risk {
namespace {

constexpr std::array<std::string_view, 4> kDateNames = {"date", "commitdate", "commit_date", "timestamp"};
constexpr std::array<std::string_view, 10> kIdNames = {"", "id", "_id", "index", "transactionid", "commit",
                                                       "commit_id", "hash", "sha", "change_id"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct Column {
  std::string raw_name;
  std::vector<double> values;
  std::vector<std::string> text;  // kept only for a possible date column
  bool keep_text = false;
  bool numeric = true;
  int bad_line = 0, bad_column = 0;  // first cell that is not a finite number
  std::string bad_text;
};

[[noreturn]] void bad_cell(const std::string& file, const Column& c, const std::string& what) {
  fail(ErrorKind::input, what + ", got \"" + c.bad_text + "\"", {file, c.bad_line, c.bad_column, c.raw_name});
}

}  // namespace

std::string canonical_feature_name(std::string_view column) {
  const std::string name = lower(sources::trim(column));
  if (name == "entrophy") return "entropy";
  if (name == "nm") return "nd";
  if (name == "pd") return "age";
  if (name == "npt") return "nuc";
  return name;
}

HistoryTable read_history(const std::filesystem::path& path, const HistoryOptions& options) {
  const std::string file = path.string();
  const sources::MappedFile mapped(file);
  return parse_history(mapped.text(), file, options);
}

HistoryTable parse_history(std::string_view text, const std::string& file, const HistoryOptions& options) {
  std::vector<Column> columns;
  std::vector<sources::Field> fields;
  std::string scratch;
  const std::string date_hint = options.date_column ? *options.date_column : "";
  try {
    std::size_t start = 0;
    bool header = true;
    while (start < text.size()) {
      std::size_t stop = text.find('\n', start);
      if (stop == std::string_view::npos) stop = text.size();
      std::string_view line = text.substr(start, stop - start);
      const std::size_t offset = start;
      start = stop + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (sources::trim(line).empty()) continue;
      sources::split(line, offset, fields, scratch);
      if (header) {
        for (const auto& f : fields) {
          Column c;
          c.raw_name = std::string(f.text);
          const std::string name = lower(c.raw_name);
          c.keep_text = (!date_hint.empty() && name == lower(date_hint)) ||
                        std::find(kDateNames.begin(), kDateNames.end(), name) != kDateNames.end();
          columns.push_back(std::move(c));
        }
        header = false;
        continue;
      }
      if (fields.size() != columns.size()) {
        sources::problem(offset, 1, "", "expected " + std::to_string(columns.size()) + " fields, got " + std::to_string(fields.size()));
      }
      for (std::size_t c = 0; c < columns.size(); ++c) {
        Column& col = columns[c];
        double v = std::nan("");
        const bool ok = sources::parse_number(fields[c].text, v) == sources::NumberStatus::ok && std::isfinite(v);
        if (!ok && col.numeric) {
          col.numeric = false;
          col.bad_line = sources::line_of(text, offset);
          col.bad_column = static_cast<int>(fields[c].offset) + 1;
          col.bad_text = std::string(fields[c].text);
        }
        col.values.push_back(v);
        if (col.keep_text) col.text.emplace_back(fields[c].text);
      }
    }
  } catch (const sources::ParseFailure& f) {
    fail(ErrorKind::input, f.problem.message,
         {file, sources::line_of(text, f.problem.offset), static_cast<int>(f.problem.column), f.problem.field});
  }
  if (columns.empty()) fail(ErrorKind::input, "the file is empty", {file, 0, 0, ""});
  if (columns.front().values.empty()) fail(ErrorKind::input, "no data rows after the header", {file, 1, 0, ""});

  auto find = [&](const std::string& wanted) -> Column* {
    for (auto& c : columns) {
      if (c.raw_name == wanted) return &c;
    }
    for (auto& c : columns) {
      if (canonical_feature_name(c.raw_name) == canonical_feature_name(wanted)) return &c;
    }
    return nullptr;
  };
  std::string known;
  for (const auto& c : columns) known += (known.empty() ? "" : ", ") + c.raw_name;

  HistoryTable table;
  table.path = file;
  Column* label = find(options.label);
  if (!label) fail(ErrorKind::input, "no label column \"" + options.label + "\" (columns: " + known + ")", {file, 1, 0, "label"});
  if (!label->numeric) bad_cell(file, *label, "the label must be 0 or 1");
  for (std::size_t r = 0; r < label->values.size(); ++r) {
    const double v = label->values[r];
    if (v != 0 && v != 1) {
      fail(ErrorKind::input, "the label must be 0 or 1, got " + std::to_string(v) + " in data row " + std::to_string(r + 1),
           {file, 0, 0, label->raw_name});
    }
  }
  table.label = label->values;
  const auto positives = static_cast<std::size_t>(std::count(table.label.begin(), table.label.end(), 1.0));
  if (positives == 0 || positives == table.label.size()) {
    fail(ErrorKind::input, "the label has a single class (" + std::to_string(positives) + " positives in " +
                               std::to_string(table.label.size()) + " rows): nothing to learn",
         {file, 0, 0, label->raw_name});
  }

  Column* date = nullptr;
  if (options.date_column) {
    date = find(*options.date_column);
    if (!date) fail(ErrorKind::input, "no date column \"" + *options.date_column + "\" (columns: " + known + ")", {file, 1, 0, "date"});
  } else {
    for (auto& c : columns) {
      if (std::find(kDateNames.begin(), kDateNames.end(), lower(c.raw_name)) != kDateNames.end()) { date = &c; break; }
    }
  }
  if (date) {
    table.date_column = date->raw_name;
    for (std::size_t r = 0; r < date->text.size(); ++r) {
      const auto t = parse_timestamp(sources::trim(date->text[r]));
      if (!t) {
        fail(ErrorKind::input, "expected a date (unix seconds, RFC 3339 or YYYY/M/D H:MM), got \"" + date->text[r] +
                                   "\" in data row " + std::to_string(r + 1),
             {file, 0, 0, date->raw_name});
      }
      table.dates.push_back(*t);
    }
  }

  std::vector<Column*> chosen;
  if (!options.features.empty()) {
    for (const auto& wanted : options.features) {
      Column* c = find(wanted);
      if (!c) fail(ErrorKind::input, "no feature column \"" + wanted + "\" (columns: " + known + ")", {file, 1, 0, "features"});
      if (!c->numeric) bad_cell(file, *c, "expected a number");
      chosen.push_back(c);
    }
  } else {
    for (auto& c : columns) {
      const std::string name = lower(c.raw_name);
      if (&c == label || &c == date) continue;
      if (std::find(kIdNames.begin(), kIdNames.end(), name) != kIdNames.end()) {
        table.notes.push_back("column \"" + c.raw_name + "\" looks like an id; not a feature");
      } else if (!c.numeric) {
        table.notes.push_back("column \"" + c.raw_name + "\" is not numeric (line " + std::to_string(c.bad_line) + ": \"" +
                              c.bad_text + "\"); not a feature");
      } else if (c.values == label->values) {
        table.notes.push_back("column \"" + c.raw_name + "\" is a copy of the label; left out, it would leak the outcome");
      } else if (std::all_of(c.values.begin(), c.values.end(), [&](double v) { return v == c.values.front(); })) {
        table.notes.push_back("column \"" + c.raw_name + "\" is constant; left out");
      } else {
        chosen.push_back(&c);
      }
    }
  }
  std::set<std::string> seen;
  for (Column* c : chosen) {
    const std::string name = canonical_feature_name(c->raw_name);
    if (!seen.insert(name).second) fail(ErrorKind::input, "two columns map to the feature \"" + name + "\"", {file, 1, 0, c->raw_name});
    table.feature_names.push_back(name);
    table.features.push_back(c->values);
  }
  if (table.features.empty()) fail(ErrorKind::input, "no numeric feature columns", {file, 1, 0, ""});
  return table;
}

}  // namespace bellwether::risk
