#include "api/request_fields.hpp"
#include "bellwether/metrics.hpp"
#include "bellwether/operations.hpp"
#include "bellwether/requests.hpp"

namespace bellwether {
namespace {
using api::RequestFields;

// A string element is one line of a sample file, so "NaN", "Inf" and R's digits read the same.
std::vector<double> inline_sample(const nlohmann::json& value, const std::string& field) {
  if (!value.is_array()) RequestFields::fail(field, "expected an array of numbers, got " + std::string(value.type_name()));
  if (value.empty()) RequestFields::fail(field, "no values");
  std::vector<double> sample;
  sample.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto& item = value[i];
    const std::string where = field + "[" + std::to_string(i) + "]";
    if (item.is_number()) {
      sample.push_back(item.get<double>());
    } else if (item.is_string()) {
      const auto parsed = parse_sample_text(item.get_ref<const std::string&>(), where);
      if (parsed.size() != 1) RequestFields::fail(where, "expected one number, got " + item.dump());
      sample.push_back(parsed.front());
    } else {
      RequestFields::fail(where, "expected a number, got " + std::string(item.type_name()));
    }
  }
  return sample;
}

std::vector<double> sample(const RequestFields& fields, const std::string& field) {
  if (*fields.inline_or_path(field, true)) return read_sample_file(fields.required_text(field + "_path"));
  return inline_sample(fields.at(field), field);
}

}  // namespace

nlohmann::json compare_request(const nlohmann::json& request) {
  return api::answer_for("compare", [&] {
    const RequestFields fields(request, {"baseline", "baseline_path", "candidate", "candidate_path", "alternative",
                                         "confidence", "non_finite"});
    CompareSettings settings;
    if (const auto text = fields.text("alternative")) {
      const auto alternative = stats::parse_alternative(*text);
      if (!alternative) RequestFields::fail("alternative", "expected two-sided|less|greater, got \"" + *text + "\"");
      settings.test.alternative = *alternative;
    }
    if (const auto confidence = fields.number("confidence")) {
      if (!(*confidence > 0 && *confidence < 1)) RequestFields::fail("confidence", "must be strictly between 0 and 1");
      settings.test.confidence = *confidence;
    }
    if (const auto text = fields.text("non_finite")) {
      const auto policy = stats::parse_non_finite_policy(*text);
      if (!policy) RequestFields::fail("non_finite", "expected drop|zero|fail, got \"" + *text + "\"");
      settings.non_finite = *policy;
    }
    const auto baseline = sample(fields, "baseline");
    const auto candidate = sample(fields, "candidate");
    return compare_samples(baseline, candidate, settings);
  });
}

}  // namespace bellwether
