#include <fstream>
#include <sstream>

#include "bellwether/metrics.hpp"
#include "sources/text_fields.hpp"

namespace bellwether {

std::string sources::read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::source, "cannot open the file", {path, 0, 0, ""});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) fail(ErrorKind::source, "cannot read the file", {path, 0, 0, ""});
  return buffer.str();
}

std::vector<double> parse_sample_text(std::string_view text, const std::string& file_label) {
  std::vector<double> values;
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(start, end - start);
    ++line_number;
    start = end + 1;
    const std::string_view field = sources::trim(raw);
    if (field.empty()) continue;
    const int column = static_cast<int>(field.data() - raw.data()) + 1;
    double value = 0;
    switch (sources::parse_number(field, value)) {
      case sources::NumberStatus::ok: values.push_back(value); break;
      case sources::NumberStatus::out_of_range:
        fail(ErrorKind::input, "number out of range: \"" + std::string(field) + "\"",
             {file_label, line_number, column, "value"});
      case sources::NumberStatus::malformed:
        fail(ErrorKind::input, "expected one number per line, got \"" + std::string(field) + "\"",
             {file_label, line_number, column, "value"});
    }
  }
  if (values.empty()) fail(ErrorKind::input, "no values in the file", {file_label, 0, 0, ""});
  return values;
}

std::vector<double> read_sample_file(const std::filesystem::path& path) {
  const std::string label = path.string();
  return parse_sample_text(sources::read_whole_file(label), label);
}

}  // namespace bellwether
