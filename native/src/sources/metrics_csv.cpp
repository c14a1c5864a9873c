// Metrics CSV: header timestamp,metric,variant,value (columns in any order), one sample per
// row. Rows may come unsorted and many samples may share a timestamp (per-request latencies).
#include <array>

#include "bellwether/metrics.hpp"
#include "sources/text_fields.hpp"

namespace bellwether {
namespace {

constexpr std::array<std::string_view, 4> kColumns = {"timestamp", "metric", "variant", "value"};

struct Field {
  std::string_view text;
  int column = 0;  // 1-based
};

class CsvReader {
 public:
  explicit CsvReader(const std::string& file) : file_(file) {}

  // Splits one line into fields; handles double-quoted fields with "" escapes.
  void split(std::string_view line, int line_number, std::vector<Field>& fields, std::string& scratch) {
    fields.clear();
    scratch.clear();
    std::size_t i = 0;
    for (;;) {
      Field f;
      f.column = static_cast<int>(i) + 1;
      if (i < line.size() && line[i] == '"') {
        const std::size_t begin = scratch.size();
        ++i;
        for (;;) {
          if (i >= line.size()) error(line_number, f.column, "", "unterminated quoted field");
          if (line[i] == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') { scratch += '"'; i += 2; continue; }
            ++i;
            break;
          }
          scratch += line[i++];
        }
        // Points into scratch; scratch is reserved large enough below not to reallocate.
        f.text = std::string_view(scratch).substr(begin);
        if (i < line.size() && line[i] != ',') error(line_number, static_cast<int>(i) + 1, "", "text after a closing quote");
      } else {
        const std::size_t comma = line.find(',', i);
        const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
        f.text = sources::trim(line.substr(i, end - i));
        i = end;
      }
      fields.push_back(f);
      if (i >= line.size()) return;
      ++i;  // skip the comma
    }
  }

  [[noreturn]] void error(int line, int column, std::string_view field, const std::string& message) const {
    fail(ErrorKind::input, message, {file_, line, column, std::string(field)});
  }

  const std::string& file_;
};

}  // namespace

MetricsTable parse_metrics_csv(std::string_view text, const std::string& file_label,
                               const CsvReadOptions& options) {
  CsvReader reader(file_label);
  MetricsTable table;
  std::vector<Field> fields;
  std::string scratch;
  scratch.reserve(4096);
  std::array<std::size_t, 4> index{};  // position of timestamp, metric, variant, value
  bool have_header = false;
  int line_number = 0;
  std::size_t start = 0;
  // Rows usually come grouped by metric: remember the last one to skip the map lookup.
  std::string last_name;
  MetricSeries* last_series = nullptr;

  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (sources::trim(line).empty()) continue;
    if (line.size() > scratch.capacity()) scratch.reserve(line.size());
    reader.split(line, line_number, fields, scratch);

    if (!have_header) {
      std::array<bool, 4> seen{};
      for (std::size_t c = 0; c < fields.size(); ++c) {
        std::size_t k = 0;
        while (k < kColumns.size() && fields[c].text != kColumns[k]) ++k;
        if (k == kColumns.size()) {
          reader.error(line_number, fields[c].column, "header",
                       "unknown column \"" + std::string(fields[c].text) +
                           "\" (expected timestamp,metric,variant,value)");
        }
        if (seen[k]) reader.error(line_number, fields[c].column, "header", "duplicate column \"" + std::string(kColumns[k]) + "\"");
        seen[k] = true;
        index[k] = c;
      }
      for (std::size_t k = 0; k < kColumns.size(); ++k) {
        if (!seen[k]) reader.error(line_number, 1, "header", "missing column \"" + std::string(kColumns[k]) + "\"");
      }
      have_header = true;
      continue;
    }

    if (fields.size() != kColumns.size()) {
      reader.error(line_number, 1, "", "expected 4 fields, got " + std::to_string(fields.size()));
    }
    const Field& ts = fields[index[0]];
    const Field& name = fields[index[1]];
    const Field& variant = fields[index[2]];
    const Field& value_field = fields[index[3]];

    double timestamp = 0;
    const auto ts_status = sources::parse_number(ts.text, timestamp);
    if (ts_status != sources::NumberStatus::ok || !std::isfinite(timestamp) || timestamp < 0) {
      reader.error(line_number, ts.column, "timestamp",
                   "expected unix seconds, got \"" + std::string(ts.text) + "\"");
    }
    double value = 0;
    switch (sources::parse_number(value_field.text, value)) {
      case sources::NumberStatus::ok: break;
      case sources::NumberStatus::out_of_range:
        reader.error(line_number, value_field.column, "value", "number out of range: \"" + std::string(value_field.text) + "\"");
      case sources::NumberStatus::malformed:
        reader.error(line_number, value_field.column, "value", "expected a number, got \"" + std::string(value_field.text) + "\"");
    }
    if (name.text.empty()) reader.error(line_number, name.column, "metric", "empty metric name");

    bool is_baseline;
    if (variant.text == "baseline" || (!options.baseline_alias.empty() && variant.text == options.baseline_alias)) {
      is_baseline = true;
    } else if (variant.text == "candidate" || (!options.candidate_alias.empty() && variant.text == options.candidate_alias)) {
      is_baseline = false;
    } else {
      reader.error(line_number, variant.column, "variant",
                   "expected baseline or candidate, got \"" + std::string(variant.text) + "\"");
    }

    if (last_series == nullptr || name.text != last_name) {
      last_name.assign(name.text);
      last_series = &table.metrics[last_name];
    }
    (is_baseline ? last_series->baseline : last_series->candidate).add(timestamp, value);
    ++table.rows;
    if (!table.first_timestamp || timestamp < *table.first_timestamp) table.first_timestamp = timestamp;
    if (!table.last_timestamp || timestamp > *table.last_timestamp) table.last_timestamp = timestamp;
  }
  if (!have_header) reader.error(0, 0, "", "the file is empty (expected the header timestamp,metric,variant,value)");
  if (table.rows == 0) reader.error(line_number, 0, "", "no data rows after the header");
  return table;
}

MetricsTable read_metrics_csv(const std::filesystem::path& path, const CsvReadOptions& options) {
  const std::string label = path.string();
  return parse_metrics_csv(sources::read_whole_file(label), label, options);
}

}  // namespace bellwether
