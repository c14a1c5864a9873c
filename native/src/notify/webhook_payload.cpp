// The generic JSON webhook: the message model as data, with the original event for receivers
// that want every number. Nothing is escaped or cut; fit() only guarantees valid UTF-8.
#include <limits>

#include "notify/payloads.hpp"
#include "notify/text_fit.hpp"

namespace bellwether::notify {

nlohmann::json webhook_payload(const Message& m, const nlohmann::json& event) {
  constexpr auto kWhole = std::numeric_limits<std::size_t>::max();
  nlohmann::json facts = nlohmann::json::object();
  for (const auto& fact : m.facts) facts[fact.key] = fit(fact.value, kWhole);
  nlohmann::json links = nlohmann::json::object();
  for (const auto& link : m.links) links[link.key] = link.url;
  return {{"source", "bellwether"},
          {"kind", m.kind},
          {"title", fit(m.title, kWhole)},
          {"summary", fit(m.summary, kWhole)},
          {"outcome", to_string(m.outcome)},
          {"facts", std::move(facts)},
          {"links", std::move(links)},
          {"event", event}};
}

}  // namespace bellwether::notify
