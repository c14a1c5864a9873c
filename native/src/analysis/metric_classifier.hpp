#pragma once
// One metric in one window: measure (test, summaries, SLO), then classify once the window's
// p-values have been adjusted together.
#include <span>

#include "bellwether/analysis.hpp"

namespace bellwether::analysis {

// Cleans the samples by the non-finite policy, checks min_samples, runs the test and fills
// the numbers. Leaves classification nodata or error when it cannot measure.
MetricResult measure(const MetricSpec& spec, std::span<const double> baseline,
                     std::span<const double> candidate, const AnalysisSettings& settings);

// Sets classification and reason from the measured numbers and p_adjusted.
void classify(MetricResult& metric, const AnalysisSettings& settings);

double aggregate_of(Aggregate aggregate, std::span<const double> sample);

}  // namespace bellwether::analysis
