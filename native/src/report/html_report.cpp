// The verdict as a page a person reads at a glance: the decision and its reason first, then per
// metric a chart over the windows, the deciding window's distributions and the numbers behind
// the classification, the decision timeline, and the risk factors when a decision is given.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "bellwether/error.hpp"
#include "bellwether/report.hpp"
#include "report/svg.hpp"

namespace bellwether {
namespace {
using report::escape;
using report::fixed;
using report::short_value;
using nlohmann::json;

double number(const json& j, const char* key, double fallback = std::nan("")) {
  return j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}

const char* kStyle = R"css(
:root { --bg:#ffffff; --fg:#1d2330; --muted:#5b6475; --card:#f5f7fa; --line:#d8dde6;
        --base:#3867d6; --cand:#e8590c; --pass:#2f9e44; --marginal:#f08c00; --fail:#e03131; --nodata:#868e96; }
@media (prefers-color-scheme: dark) {
  :root { --bg:#14171c; --fg:#e7eaf0; --muted:#9aa3b2; --card:#1d2129; --line:#343a46;
          --base:#74a3ff; --cand:#ff922b; --pass:#51cf66; --marginal:#fcc419; --fail:#ff6b6b; --nodata:#adb5bd; } }
body { background:var(--bg); color:var(--fg); font:15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin:0; }
main { max-width:1100px; margin:0 auto; padding:24px; }
h1 { font-size:26px; margin:0 0 6px; } h2 { font-size:19px; margin:28px 0 10px; } h3 { font-size:16px; margin:0 0 8px; }
.verdict { border-radius:10px; padding:16px 20px; background:var(--card); border-left:8px solid var(--nodata); }
.verdict.promote { border-color:var(--pass); } .verdict.slow { border-color:var(--marginal); } .verdict.rollback { border-color:var(--fail); }
.action { font-weight:700; text-transform:uppercase; letter-spacing:.04em; }
.reason { color:var(--fg); margin:6px 0 0; }
.muted { color:var(--muted); font-size:13px; }
.metric { background:var(--card); border-radius:10px; padding:14px 16px; margin:14px 0; break-inside:avoid; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:600; color:#fff; }
.b-pass { background:var(--pass); } .b-high, .b-low, .b-fail { background:var(--fail); }
.b-marginal { background:var(--marginal); } .b-nodata, .b-error { background:var(--nodata); }
table { border-collapse:collapse; width:100%; font-size:13px; margin-top:8px; }
td, th { border-bottom:1px solid var(--line); padding:4px 6px; text-align:left; vertical-align:top; }
th { color:var(--muted); font-weight:600; }
svg { display:block; max-width:100%; height:auto; }
svg text { fill:var(--fg); font:11px system-ui, sans-serif; }
.grid { stroke:var(--line); stroke-width:1; }
.timeline { display:flex; gap:6px; flex-wrap:wrap; }
.step { border-radius:8px; padding:6px 10px; background:var(--card); border-top:4px solid var(--nodata); min-width:92px; font-size:13px; }
.step.pass { border-color:var(--pass); } .step.marginal { border-color:var(--marginal); }
.step.fail { border-color:var(--fail); } .step.nodata { border-color:var(--nodata); }
@media print { body { background:#fff; color:#000; } .metric, .verdict, .step { background:#fff; border:1px solid #999; } }
)css";

const char* status_color(const std::string& status) {
  if (status == "pass") return "var(--pass)";
  if (status == "marginal") return "var(--marginal)";
  if (status == "fail") return "var(--fail)";
  return "var(--nodata)";
}

// Baseline and candidate over the windows: median line, p25-p75 band, the SLO line, and the
// windows' statuses as a coloured strip.
std::string metric_chart(const json& windows, const std::string& name, const json* slo) {
  struct Point { double b_mid, b_lo, b_hi, c_mid, c_lo, c_hi, c_aggregate; std::string status; bool has = false; };
  std::vector<Point> points;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& w : windows) {
    Point p;
    p.status = w.value("status", "nodata");
    for (const auto& m : w.at("metrics")) {
      if (m.value("name", "") != name) continue;
      const auto& b = m.at("baseline");
      const auto& c = m.at("candidate");
      p.b_mid = number(b, "median"); p.b_lo = number(b, "p25"); p.b_hi = number(b, "p75");
      p.c_mid = number(c, "median"); p.c_lo = number(c, "p25"); p.c_hi = number(c, "p75");
      p.c_aggregate = slo ? number(c, "aggregate") : std::nan("");
      if (std::isfinite(p.c_aggregate)) { lo = std::min(lo, p.c_aggregate); hi = std::max(hi, p.c_aggregate); }
      p.has = std::isfinite(p.b_mid) && std::isfinite(p.c_mid);
      for (double v : {p.b_lo, p.b_hi, p.c_lo, p.c_hi, p.b_mid, p.c_mid}) {
        if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
      }
    }
    points.push_back(p);
  }
  const double bound = slo ? number(*slo, "bound") : std::nan("");
  if (std::isfinite(bound)) { lo = std::min(lo, bound); hi = std::max(hi, bound); }
  if (!std::isfinite(lo)) return "<p class=\"muted\">No data in any window.</p>";
  if (hi - lo < 1e-12) { hi += 1; lo -= 1; }
  const double pad = (hi - lo) * 0.08;
  lo -= pad; hi += pad;
  const double W = 760, H = 220, left = 58, right = 12, top = 10, bottom = 40;
  const double n = static_cast<double>(std::max<std::size_t>(points.size(), 1));
  const double slot = (W - left - right) / n;
  auto x = [&](std::size_t i) { return left + slot * (static_cast<double>(i) + 0.5); };
  auto y = [&](double v) { return top + (hi - v) / (hi - lo) * (H - top - bottom); };
  std::string svg = "<svg viewBox=\"0 0 " + fixed(W, 0) + " " + fixed(H, 0) + "\" role=\"img\" aria-label=\"" +
                    escape(name) + " baseline and candidate by window\" class=\"chart\">";
  for (int t = 0; t <= 4; ++t) {
    const double v = lo + (hi - lo) * t / 4;
    svg += "<line class=\"grid\" x1=\"" + fixed(left) + "\" x2=\"" + fixed(W - right) + "\" y1=\"" + fixed(y(v)) + "\" y2=\"" + fixed(y(v)) + "\"/>";
    svg += "<text x=\"" + fixed(left - 6) + "\" y=\"" + fixed(y(v) + 4) + "\" text-anchor=\"end\">" + short_value(v) + "</text>";
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    svg += "<rect x=\"" + fixed(left + slot * static_cast<double>(i) + 2) + "\" y=\"" + fixed(H - bottom + 6) + "\" width=\"" +
           fixed(slot - 4) + "\" height=\"8\" rx=\"3\" fill=\"" + status_color(points[i].status) + "\"><title>window " +
           std::to_string(i + 1) + ": " + escape(points[i].status) + "</title></rect>";
    svg += "<text x=\"" + fixed(x(i)) + "\" y=\"" + fixed(H - 8) + "\" text-anchor=\"middle\">w" + std::to_string(i + 1) + "</text>";
  }
  auto series = [&](bool candidate) {
    const char* color = candidate ? "var(--cand)" : "var(--base)";
    const double offset = candidate ? slot * 0.12 : -slot * 0.12;
    std::string path;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const auto& p = points[i];
      if (!p.has) continue;
      const double mid = candidate ? p.c_mid : p.b_mid, l = candidate ? p.c_lo : p.b_lo, h = candidate ? p.c_hi : p.b_hi;
      if (std::isfinite(l) && std::isfinite(h)) {
        svg += "<rect x=\"" + fixed(x(i) + offset - 5) + "\" y=\"" + fixed(y(h)) + "\" width=\"10\" height=\"" +
               fixed(std::max(1.0, y(l) - y(h))) + "\" fill=\"" + color + "\" opacity=\"0.25\"/>";
      }
      path += (path.empty() ? "M" : "L") + fixed(x(i) + offset) + "," + fixed(y(mid));
      svg += "<circle cx=\"" + fixed(x(i) + offset) + "\" cy=\"" + fixed(y(mid)) + "\" r=\"3.5\" fill=\"" + color + "\"><title>" +
             std::string(candidate ? "candidate" : "baseline") + " median " + short_value(mid) + "</title></circle>";
    }
    if (!path.empty()) svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"/>";
  };
  series(false);
  series(true);
  // The SLO applies to the candidate's window aggregate (mean, p95, …), not to the median.
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!std::isfinite(points[i].c_aggregate)) continue;
    svg += "<rect x=\"" + fixed(x(i) + slot * 0.12 - 4) + "\" y=\"" + fixed(y(points[i].c_aggregate) - 4) +
           "\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"var(--cand)\" stroke-width=\"1.5\"><title>candidate " +
           escape(slo->value("aggregate", "aggregate")) + " " + short_value(points[i].c_aggregate) + "</title></rect>";
  }
  if (std::isfinite(bound)) {
    svg += "<line x1=\"" + fixed(left) + "\" x2=\"" + fixed(W - right) + "\" y1=\"" + fixed(y(bound)) + "\" y2=\"" + fixed(y(bound)) +
           "\" stroke=\"var(--fail)\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/><text x=\"" + fixed(W - right - 4) + "\" y=\"" +
           fixed(y(bound) - 4) + "\" text-anchor=\"end\">SLO " + short_value(bound) + "</text>";
  }
  return svg + "</svg>";
}

// The deciding window's distributions as two box summaries on one axis (p25-p75 box, median,
// whisker to p95, mean as a dot).
std::string distribution(const json& m) {
  const auto& b = m.at("baseline");
  const auto& c = m.at("candidate");
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto* s : {&b, &c}) {
    for (const char* k : {"p25", "median", "p75", "p95", "mean"}) {
      const double v = number(*s, k);
      if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
    }
  }
  if (!std::isfinite(lo)) return "";
  if (hi - lo < 1e-12) { hi += 1; lo -= 1; }
  const double W = 760, left = 90, right = 20, pad = (hi - lo) * 0.05;
  lo -= pad; hi += pad;
  auto x = [&](double v) { return left + (v - lo) / (hi - lo) * (W - left - right); };
  std::string svg = "<svg viewBox=\"0 0 760 86\" role=\"img\" aria-label=\"distributions in the deciding window\" class=\"dist\">";
  int row = 0;
  for (const auto* s : {&b, &c}) {
    const bool cand = s == &c;
    const char* color = cand ? "var(--cand)" : "var(--base)";
    const double cy = 20 + row * 32.0;
    svg += "<text x=\"6\" y=\"" + fixed(cy + 4) + "\">" + std::string(cand ? "candidate" : "baseline") + "</text>";
    const double q1 = number(*s, "p25"), med = number(*s, "median"), q3 = number(*s, "p75"), p95 = number(*s, "p95"), mean = number(*s, "mean");
    if (std::isfinite(q1) && std::isfinite(q3)) {
      svg += "<rect x=\"" + fixed(x(q1)) + "\" y=\"" + fixed(cy - 9) + "\" width=\"" + fixed(std::max(1.0, x(q3) - x(q1))) +
             "\" height=\"18\" fill=\"" + color + "\" opacity=\"0.3\" stroke=\"" + color + "\"/>";
    }
    if (std::isfinite(q3) && std::isfinite(p95)) {
      svg += "<line x1=\"" + fixed(x(q3)) + "\" x2=\"" + fixed(x(p95)) + "\" y1=\"" + fixed(cy) + "\" y2=\"" + fixed(cy) + "\" stroke=\"" + color + "\"/>";
    }
    if (std::isfinite(med)) {
      svg += "<line x1=\"" + fixed(x(med)) + "\" x2=\"" + fixed(x(med)) + "\" y1=\"" + fixed(cy - 10) + "\" y2=\"" + fixed(cy + 10) +
             "\" stroke=\"" + color + "\" stroke-width=\"3\"/>";
    }
    if (std::isfinite(mean)) svg += "<circle cx=\"" + fixed(x(mean)) + "\" cy=\"" + fixed(cy) + "\" r=\"3\" fill=\"" + color + "\"/>";
    ++row;
  }
  svg += "<text x=\"" + fixed(left) + "\" y=\"82\">" + short_value(lo) + "</text><text x=\"" + fixed(W - right) +
         "\" y=\"82\" text-anchor=\"end\">" + short_value(hi) + "</text>";
  return svg + "</svg>";
}

std::string numbers_table(const json& m) {
  auto cell = [&](const json& j, const char* key) { return short_value(number(j, key)); };
  std::string ci = "n/a";
  if (m.contains("ci") && m["ci"].is_array()) {
    ci = "[" + (m["ci"][0].is_number() ? short_value(m["ci"][0].get<double>()) : "−∞") + ", " +
         (m["ci"][1].is_number() ? short_value(m["ci"][1].get<double>()) : "+∞") + "]";
  }
  std::string t = "<table><tr><th></th><th>n</th><th>median</th><th>p25–p75</th><th>p95</th><th>mean</th></tr>";
  for (const char* side : {"baseline", "candidate"}) {
    const auto& s = m.at(side);
    t += std::string("<tr><td>") + side + "</td><td>" + cell(s, "n") + "</td><td>" + cell(s, "median") + "</td><td>" +
         cell(s, "p25") + "–" + cell(s, "p75") + "</td><td>" + cell(s, "p95") + "</td><td>" + cell(s, "mean") + "</td></tr>";
  }
  t += "</table><table><tr><th>test</th><th>p</th><th>p (Holm)</th><th>shift (HL)</th><th>CI</th><th>relative</th><th>band ±</th><th>SLO</th></tr><tr>";
  const json& effect = m.contains("effect") ? m["effect"] : json::object();
  const json& tolerance = m.contains("tolerance") ? m["tolerance"] : json::object();
  const double rel = number(effect, "relative_shift");
  std::string slo = "—";
  if (m.contains("slo") && m["slo"].is_object()) {
    slo = escape(m["slo"].value("aggregate", "")) + " " + short_value(number(m["slo"], "value")) + " vs " + short_value(number(m["slo"], "bound"));
  }
  t += "<td>" + escape(m.value("method", "—")) + "</td><td>" + cell(m, "p_value") + "</td><td>" + cell(m, "p_adjusted") + "</td><td>" +
       cell(m, "estimate") + "</td><td>" + ci + "</td><td>" + (std::isfinite(rel) ? fixed(100 * rel) + "%" : "n/a") + "</td><td>" +
       short_value(number(tolerance, "band")) + "</td><td>" + slo + "</td></tr></table>";
  return t;
}

std::string risk_chart(const json& decision) {
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& r : decision.at("reasons")) bars.emplace_back(r.value("factor", "?"), number(r, "contribution", 0));
  std::sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return std::fabs(a.second) > std::fabs(b.second); });
  double most = 1e-9;
  for (const auto& [name, v] : bars) most = std::max(most, std::fabs(v));
  const double W = 760, left = 170, row = 22;
  const double H = 10 + row * static_cast<double>(bars.size());
  std::string svg = "<svg viewBox=\"0 0 760 " + fixed(H, 0) + "\" role=\"img\" aria-label=\"risk factors\" class=\"risk\">";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double cy = 8 + row * static_cast<double>(i);
    const double width = std::fabs(bars[i].second) / most * (W - left - 80);
    svg += "<text x=\"" + fixed(left - 8) + "\" y=\"" + fixed(cy + 12) + "\" text-anchor=\"end\">" + escape(bars[i].first) + "</text>";
    svg += "<rect x=\"" + fixed(left) + "\" y=\"" + fixed(cy) + "\" width=\"" + fixed(std::max(1.0, width)) + "\" height=\"15\" rx=\"3\" fill=\"" +
           (bars[i].second >= 0 ? "var(--cand)" : "var(--base)") + "\"/>";
    svg += "<text x=\"" + fixed(left + width + 6) + "\" y=\"" + fixed(cy + 12) + "\">" + (bars[i].second >= 0 ? "+" : "") + fixed(bars[i].second) + "</text>";
  }
  return svg + "</svg>";
}

}  // namespace

std::string render_report(const json& verdict, const json* decision) {
  if (!verdict.is_object() || !verdict.contains("action") || !verdict.contains("windows") || !verdict["windows"].is_array()) {
    fail(ErrorKind::input, "not a verdict: expected an object with action and windows", {"", 0, 0, "verdict"});
  }
  const std::string action = verdict.value("action", "slow");
  const auto& windows = verdict["windows"];
  std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                     "<meta name=\"color-scheme\" content=\"light dark\"><title>Bellwether verdict: " + escape(action) +
                     "</title><style>" + kStyle + "</style></head><body><main>";
  html += "<section class=\"verdict " + escape(action) + "\" id=\"verdict\"><h1><span class=\"action\">" + escape(action) +
          "</span> · score " + fixed(number(verdict, "score", 0)) + "</h1><p class=\"reason\">" + escape(verdict.value("reason", "")) + "</p>";
  if (verdict.contains("warnings") && !verdict["warnings"].empty()) {
    html += "<p class=\"muted\">" + std::to_string(verdict["warnings"].size()) + " warning(s): ";
    for (const auto& w : verdict["warnings"]) html += escape(w.get<std::string>()) + "; ";
    html += "</p>";
  }
  html += "</section>";

  if (decision) {
    html += "<h2>Risk before the deploy</h2><section class=\"metric\" id=\"risk\"><h3>risk " + fixed(number(*decision, "risk_score", 0)) +
            "/100 → " + escape(decision->value("strategy", "")) + "</h3>" + risk_chart(*decision) + "</section>";
  }

  html += "<h2>Decision timeline</h2><div class=\"timeline\" id=\"timeline\">";
  for (const auto& w : windows) {
    const std::string status = w.value("status", "nodata");
    html += "<div class=\"step " + escape(status) + "\"><strong>window " + std::to_string(w.value("index", 0) + 1) + "</strong><br>" +
            escape(status) + " · " + fixed(number(w, "score", 0), 0) + "<br><span class=\"muted\">" + escape(w.value("decision", "")) + "</span></div>";
  }
  html += "</div>";

  // Metrics, as listed by the deciding window (or the last one).
  const json* deciding = windows.empty() ? nullptr : &windows.back();
  if (verdict.contains("deciding_window") && verdict["deciding_window"].is_number()) {
    for (const auto& w : windows) {
      if (w.value("index", -1) == verdict["deciding_window"].get<int>()) deciding = &w;
    }
  }
  html += "<h2>Metrics</h2>";
  if (deciding) {
    for (const auto& m : deciding->at("metrics")) {
      const std::string name = m.value("name", "?");
      const std::string cls = m.value("classification", "nodata");
      const json* slo = m.contains("slo") && m["slo"].is_object() ? &m["slo"] : nullptr;
      html += "<section class=\"metric\" data-metric=\"" + escape(name) + "\"><h3>" + escape(name) + " <span class=\"badge b-" +
              escape(cls) + "\">" + escape(cls) + "</span></h3><p class=\"muted\">" + escape(m.value("reason", "")) + "</p>" +
              metric_chart(windows, name, slo) +
              "<p class=\"muted\">By window: median (dot, line) and p25–p75 (band) of the baseline (blue) and candidate (orange)" +
              (slo ? "; hollow squares: the candidate's " + escape(slo->value("aggregate", "aggregate")) + ", which the SLO line bounds" : std::string()) +
              "; the strip shows each window's status.</p><p class=\"muted\">Deciding window: baseline (blue) and candidate (orange); box p25–p75, bar median, line to p95, dot mean.</p>" +
              distribution(m) + numbers_table(m) + "</section>";
    }
  }
  html += "<p class=\"muted\">Bellwether report · generated from the verdict JSON; no scripts, no network.</p></main></body></html>\n";
  return html;
}

}  // namespace bellwether
