#include "sources/csv_fields.hpp"

#include <algorithm>

#include "sources/text_fields.hpp"

namespace bellwether::sources {

void problem(std::size_t line_offset, std::size_t column, std::string field, std::string message) {
  throw ParseFailure({line_offset, column, std::move(field), std::move(message)});
}

int line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

void split(std::string_view line, std::size_t line_offset, std::vector<Field>& fields, std::string& scratch) {
  fields.clear();
  // The common case: no field is quoted, so fields are views into the line. A quoted field
  // starts with a quote (after blanks); seeing one sends the line to the quoting parser.
  bool quoted = false;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    const std::string_view raw = line.substr(start, end - start);
    const std::string_view trimmed = sources::trim(raw);
    if (!trimmed.empty() && trimmed.front() == '"') {
      quoted = true;
      break;
    }
    fields.push_back({trimmed, start + static_cast<std::size_t>(trimmed.data() - raw.data())});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!quoted) return;
  fields.clear();
  scratch.clear();
  scratch.reserve(line.size());  // views into scratch stay valid: it never grows past this
  std::size_t i = 0;
  for (;;) {
    Field f;
    f.offset = i;
    if (i < line.size() && line[i] == '"') {
      const std::size_t begin = scratch.size();
      ++i;
      for (;;) {
        if (i >= line.size()) problem(line_offset, f.offset + 1, "", "unterminated quoted field");
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') { scratch += '"'; i += 2; continue; }
          ++i;
          break;
        }
        scratch += line[i++];
      }
      f.text = std::string_view(scratch).substr(begin);
      if (i < line.size() && line[i] != ',') problem(line_offset, i + 1, "", "text after a closing quote");
    } else {
      const std::size_t comma = line.find(',', i);
      const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
      const std::string_view raw = line.substr(i, end - i);
      f.text = sources::trim(raw);
      f.offset = i + static_cast<std::size_t>(f.text.data() - raw.data());
      i = end;
    }
    fields.push_back(f);
    if (i >= line.size()) return;
    ++i;
  }
}


}  // namespace bellwether::sources
