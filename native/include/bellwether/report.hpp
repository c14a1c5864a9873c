#pragma once
// The HTML report of a verdict: one self-contained file (inline SVG and CSS, no scripts, no
// fonts or anything else from the network), readable on screen, in dark mode and printed.
#include <string>

#include <nlohmann/json.hpp>

namespace bellwether {

// `verdict` is the verdict JSON (as analyze prints it); `decision`, when not null, the decision
// JSON whose risk factors are drawn as a bar chart. Throws Error(input) when the verdict lacks
// the fields a report needs.
std::string render_report(const nlohmann::json& verdict, const nlohmann::json* decision = nullptr);

}  // namespace bellwether
