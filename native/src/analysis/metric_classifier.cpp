#include "analysis/metric_classifier.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis/number_format.hpp"
#include "bellwether/error.hpp"
#include "stats/sorting.hpp"

namespace bellwether::analysis {

double aggregate_of(Aggregate aggregate, std::span<const double> sample) {
  switch (aggregate) {
    case Aggregate::mean: return stats::mean(sample);
    case Aggregate::median: return stats::median(sample);
    case Aggregate::p95: return stats::quantile(sample, 0.95);
    case Aggregate::max:
      return sample.empty() ? std::nan("") : *std::max_element(sample.begin(), sample.end());
  }
  return std::nan("");
}

namespace {

SideSummary summarise(std::span<const double> sorted, std::size_t dropped, Aggregate aggregate) {
  SideSummary s;
  s.n = sorted.size();
  s.dropped = dropped;
  s.median = stats::quantile_sorted(sorted, 0.5);
  s.p25 = stats::quantile_sorted(sorted, 0.25);
  s.p75 = stats::quantile_sorted(sorted, 0.75);
  s.p95 = stats::quantile_sorted(sorted, 0.95);
  s.mean = stats::mean(sorted);
  s.aggregate = aggregate == Aggregate::max ? (sorted.empty() ? std::nan("") : sorted.back())
                                            : aggregate_of(aggregate, sorted);
  return s;
}

bool bad_when_higher(Direction d) { return d != Direction::decrease; }
bool bad_when_lower(Direction d) { return d != Direction::increase; }

}  // namespace

MetricResult measure(const MetricSpec& spec, std::span<const double> baseline,
                     std::span<const double> candidate, const AnalysisSettings& settings) {
  MetricResult m;
  m.name = spec.name;
  m.critical = spec.critical;
  m.direction = spec.direction;
  m.slo = spec.slo;
  m.aggregate = spec.aggregate;
  m.tolerance = spec.tolerance;
  m.tolerance_abs = spec.tolerance_abs;
  m.p_adjusted = std::nan("");
  try {
    // Sorted once here; the test, the quantiles and the effect sizes all reuse the order.
    auto b = stats::clean(baseline, settings.non_finite);
    auto c = stats::clean(candidate, settings.non_finite);
    stats::detail::sort_values(b.values);
    stats::detail::sort_values(c.values);
    m.baseline = summarise(b.values, b.dropped, spec.aggregate);
    m.candidate = summarise(c.values, c.dropped, spec.aggregate);
    const auto min = static_cast<std::size_t>(settings.min_samples);
    if (b.values.size() < min || c.values.size() < min) {
      m.classification = Classification::nodata;
      m.reason = spec.name + " nodata: baseline has " + std::to_string(b.values.size()) +
                 " and candidate " + std::to_string(c.values.size()) +
                 " samples, min_samples is " + std::to_string(min);
      return m;
    }
    m.test = stats::mann_whitney(c.values, b.values, {stats::Alternative::two_sided, settings.confidence});
    m.effect = stats::effect_sizes(c.values, b.values, *m.test);
    m.mean_difference = stats::welch_mean_difference(c.values, b.values, settings.confidence);
    m.band = std::max(spec.tolerance * std::fabs(m.baseline.median), spec.tolerance_abs);
    if (spec.slo) {
      m.slo_breached = spec.direction == Direction::decrease ? m.candidate.aggregate < *spec.slo
                                                              : m.candidate.aggregate > *spec.slo;
    }
    m.classification = Classification::pass;  // provisional until classify()
  } catch (const std::exception& e) {
    m.classification = Classification::error;
    m.reason = spec.name + " error: " + e.what();
  }
  return m;
}

void classify(MetricResult& m, const AnalysisSettings& settings) {
  if (m.classification == Classification::nodata || m.classification == Classification::error || !m.test) return;
  const auto& t = *m.test;
  const double alpha = 1 - settings.confidence;
  const bool significant = m.p_adjusted < alpha;
  // The shift must clear the band: by the Hodges-Lehmann interval, or by the Welch interval of
  // the mean difference, which still sees a change where ties make the median difference 0.
  const auto& md = *m.mean_difference;
  const bool hl_above = t.ci_low > m.band, hl_below = t.ci_high < -m.band;
  const bool mean_above = md.ci_low > m.band, mean_below = md.ci_high < -m.band;
  const bool ci_above = hl_above || mean_above;
  const bool ci_below = hl_below || mean_below;
  const bool stat_high = bad_when_higher(m.direction) && ci_above && significant;
  const bool stat_low = bad_when_lower(m.direction) && ci_below && significant;
  const bool slo_high = m.slo_breached && m.direction != Direction::decrease;
  const bool slo_low = m.slo_breached && m.direction == Direction::decrease;

  const std::string ci_label = num(100 * settings.confidence) + "% CI [";
  const std::string hl_shift = "shift " + signed_num(t.estimate) +
                               (m.effect.relative_shift ? " (" + percent(*m.effect.relative_shift) + ")" : "") +
                               ", " + ci_label + signed_num(t.ci_low) + ", " + signed_num(t.ci_high) + "]";
  const std::string mean_shift = "mean shift " + signed_num(md.difference) + ", " + ci_label +
                                 signed_num(md.ci_low) + ", " + signed_num(md.ci_high) + "]";
  const bool by_mean = (stat_high && !hl_above) || (stat_low && !hl_below);
  const std::string shift = by_mean ? mean_shift + " (median " + hl_shift + ")" : hl_shift;
  const std::string band = "band +-" + num(m.band) + " (tolerance " + num(100 * m.tolerance) +
                           "% of baseline median " + num(m.baseline.median) +
                           (m.tolerance_abs > 0 ? ", at least " + num(m.tolerance_abs) : "") + ")";
  const std::string p = "p=" + p_text(t.p_value) +
                        (settings.holm && m.p_adjusted != t.p_value ? " (Holm " + p_text(m.p_adjusted) + ")" : "");
  const std::string slo_text = m.slo ? std::string(to_string(m.aggregate)) + " " + num(m.candidate.aggregate) +
                                           (m.slo_breached ? (slo_low ? " below" : " above") : " within") +
                                           " slo " + num(*m.slo)
                                     : "";

  if (stat_high || slo_high) {
    m.classification = Classification::high;
    m.reason = m.name + " high: " + (stat_high ? shift + " clears the " + band + ", " + p : slo_text) +
               (stat_high && slo_high ? "; " + slo_text : "");
  } else if (stat_low || slo_low) {
    m.classification = Classification::low;
    m.reason = m.name + " low: " + (stat_low ? shift + " clears the " + band + ", " + p : slo_text) +
               (stat_low && slo_low ? "; " + slo_text : "");
  } else {
    m.classification = Classification::pass;
    std::string why;
    if ((ci_above && bad_when_higher(m.direction)) || (ci_below && bad_when_lower(m.direction))) {
      why = " but not significant after correction, " + p;
    } else if (ci_above || ci_below) {
      why = " in the harmless direction, " + p;
    } else {
      why = " within the " + band + ", " + p;
    }
    m.reason = m.name + " pass: " + shift + why + (m.slo ? "; " + slo_text : "");
  }
}

}  // namespace bellwether::analysis
