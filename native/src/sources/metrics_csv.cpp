// Metrics CSV: header timestamp,metric,variant,value (columns in any order), one sample per
// row. Rows may come unsorted and many samples may share a timestamp (per-request latencies).
// Large files are parsed in parallel chunks; an error still names its exact line and column.
#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <optional>
#include <thread>
#include <unordered_map>

#include "bellwether/metrics.hpp"
#include "sources/csv_fields.hpp"
#include "parallel.hpp"
#include "sources/mapped_file.hpp"
#include "sources/text_fields.hpp"

namespace bellwether {
namespace {
using sources::Field;
using sources::ParseFailure;
using sources::ParseProblem;
using sources::problem;
using sources::split;

constexpr std::array<std::string_view, 4> kColumns = {"timestamp", "metric", "variant", "value"};
constexpr std::size_t kChunkBytes = 8u << 20;  // below this a second thread costs more than it saves

struct Layout {
  std::array<std::size_t, 4> index{};  // position of timestamp, metric, variant, value
};

Layout read_header(std::string_view line, std::size_t line_offset) {
  std::vector<Field> fields;
  std::string scratch;
  split(line, line_offset, fields, scratch);
  Layout layout;
  std::array<bool, 4> seen{};
  for (std::size_t c = 0; c < fields.size(); ++c) {
    std::size_t k = 0;
    while (k < kColumns.size() && fields[c].text != kColumns[k]) ++k;
    if (k == kColumns.size()) {
      problem(line_offset, fields[c].offset + 1, "header",
              "unknown column \"" + std::string(fields[c].text) + "\" (expected timestamp,metric,variant,value)");
    }
    if (seen[k]) problem(line_offset, fields[c].offset + 1, "header", "duplicate column \"" + std::string(kColumns[k]) + "\"");
    seen[k] = true;
    layout.index[k] = c;
  }
  for (std::size_t k = 0; k < kColumns.size(); ++k) {
    if (!seen[k]) problem(line_offset, 1, "header", "missing column \"" + std::string(kColumns[k]) + "\"");
  }
  return layout;
}

// Parses the rows of text[begin, end) (whole lines) into `table`.
void parse_rows(std::string_view text, std::size_t begin, std::size_t end, const Layout& layout,
                const CsvReadOptions& options, MetricsTable& table) {
  std::vector<Field> fields;
  std::string scratch;
  std::string last_name;
  MetricSeries* last_series = nullptr;  // rows usually come grouped by metric
  std::size_t start = begin;
  while (start < end) {
    const void* newline = std::memchr(text.data() + start, '\n', end - start);
    const std::size_t stop = newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) : end;
    std::string_view line = text.substr(start, stop - start);
    const std::size_t line_offset = start;
    start = stop + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (sources::trim(line).empty()) continue;
    split(line, line_offset, fields, scratch);
    if (fields.size() != kColumns.size()) {
      problem(line_offset, 1, "", "expected 4 fields, got " + std::to_string(fields.size()));
    }
    const Field& ts = fields[layout.index[0]];
    const Field& name = fields[layout.index[1]];
    const Field& variant = fields[layout.index[2]];
    const Field& value_field = fields[layout.index[3]];

    double timestamp = 0;
    if (!sources::parse_whole_seconds(ts.text, timestamp) &&
        (sources::parse_number(ts.text, timestamp) != sources::NumberStatus::ok || !std::isfinite(timestamp) || timestamp < 0)) {
      problem(line_offset, ts.offset + 1, "timestamp", "expected unix seconds, got \"" + std::string(ts.text) + "\"");
    }
    double value = 0;
    switch (sources::parse_number(value_field.text, value)) {
      case sources::NumberStatus::ok: break;
      case sources::NumberStatus::out_of_range:
        problem(line_offset, value_field.offset + 1, "value", "number out of range: \"" + std::string(value_field.text) + "\"");
      case sources::NumberStatus::malformed:
        problem(line_offset, value_field.offset + 1, "value", "expected a number, got \"" + std::string(value_field.text) + "\"");
    }
    if (name.text.empty()) problem(line_offset, name.offset + 1, "metric", "empty metric name");
    bool is_baseline = false;
    if (variant.text == "baseline" || (!options.baseline_alias.empty() && variant.text == options.baseline_alias)) {
      is_baseline = true;
    } else if (!(variant.text == "candidate" || (!options.candidate_alias.empty() && variant.text == options.candidate_alias))) {
      problem(line_offset, variant.offset + 1, "variant",
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
}

void append(TimedSamples& to, TimedSamples& from) {
  to.timestamps.insert(to.timestamps.end(), from.timestamps.begin(), from.timestamps.end());
  to.values.insert(to.values.end(), from.values.begin(), from.values.end());
}

// Appends every later part to the first, one thread per metric group: copying the samples is
// the only serial-looking step left after a parallel parse.
void merge(std::vector<MetricsTable>& parts) {
  MetricsTable& into = parts.front();
  std::vector<std::pair<MetricSeries*, std::vector<MetricSeries*>>> jobs;
  std::unordered_map<MetricSeries*, std::size_t> job_of;
  for (std::size_t c = 1; c < parts.size(); ++c) {
    for (auto& [name, series] : parts[c].metrics) {
      MetricSeries* target = &into.metrics[name];
      const auto [it, added] = job_of.try_emplace(target, jobs.size());
      if (added) jobs.push_back({target, {}});
      jobs[it->second].second.push_back(&series);
    }
    into.rows += parts[c].rows;
    for (auto t : {parts[c].first_timestamp, parts[c].last_timestamp}) {
      if (!t) continue;
      if (!into.first_timestamp || *t < *into.first_timestamp) into.first_timestamp = t;
      if (!into.last_timestamp || *t > *into.last_timestamp) into.last_timestamp = t;
    }
  }
  parallel_for(jobs.size(), into.rows, [&](std::size_t j) {
    for (MetricSeries* from : jobs[j].second) {
      append(jobs[j].first->baseline, from->baseline);
      append(jobs[j].first->candidate, from->candidate);
    }
  });
}

// Chunk boundaries at line starts, about equal in size.
std::vector<std::size_t> chunk_bounds(std::string_view text, std::size_t begin) {
  const std::size_t body = text.size() - begin;
  const std::size_t threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  const std::size_t chunks = std::max<std::size_t>(1, std::min(threads, body / kChunkBytes));
  std::vector<std::size_t> bounds = {begin};
  for (std::size_t c = 1; c < chunks; ++c) {
    std::size_t at = begin + body * c / chunks;
    const std::size_t newline = text.find('\n', at);
    at = newline == std::string_view::npos ? text.size() : newline + 1;
    if (at > bounds.back() && at < text.size()) bounds.push_back(at);
  }
  bounds.push_back(text.size());
  return bounds;
}

MetricsTable parse_body(std::string_view text, std::size_t begin, const Layout& layout, const CsvReadOptions& options) {
  const auto bounds = chunk_bounds(text, begin);
  const std::size_t chunks = bounds.size() - 1;
  std::vector<MetricsTable> parts(chunks);
  std::vector<std::optional<ParseProblem>> problems(chunks);
  auto work = [&](std::size_t c) {
    try {
      parse_rows(text, bounds[c], bounds[c + 1], layout, options, parts[c]);
    } catch (const ParseFailure& f) {
      problems[c] = f.problem;
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t c = 1; c < chunks; ++c) threads.emplace_back(work, c);
  work(0);
  for (auto& t : threads) t.join();
  for (const auto& p : problems) {
    if (p) throw ParseFailure(*p);  // the first chunk's problem is the earliest in the file
  }
  if (chunks > 1) merge(parts);
  return std::move(parts.front());
}

}  // namespace

MetricsTable parse_metrics_csv(std::string_view text, const std::string& file_label, const CsvReadOptions& options) {
  auto where = [&](const ParseProblem& p) {
    return SourceLocation{file_label, sources::line_of(text, p.offset), static_cast<int>(p.column), p.field};
  };
  try {
    // The header is the first line that is not blank.
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t stop = text.find('\n', start);
      if (stop == std::string_view::npos) stop = text.size();
      std::string_view line = text.substr(start, stop - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!sources::trim(line).empty()) {
        const Layout layout = read_header(line, start);
        const std::size_t body = std::min(stop + 1, text.size());
        MetricsTable table = parse_body(text, body, layout, options);
        if (table.rows == 0) problem(start, 0, "", "no data rows after the header");
        return table;
      }
      start = stop + 1;
    }
  } catch (const ParseFailure& f) {
    fail(ErrorKind::input, f.problem.message, where(f.problem));
  }
  fail(ErrorKind::input, "the file is empty (expected the header timestamp,metric,variant,value)", {file_label, 0, 0, ""});
}

MetricsTable read_metrics_csv(const std::filesystem::path& path, const CsvReadOptions& options) {
  const std::string label = path.string();
  const sources::MappedFile file(label);
  return parse_metrics_csv(file.text(), label, options);
}

}  // namespace bellwether
