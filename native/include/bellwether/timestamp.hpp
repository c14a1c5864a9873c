#pragma once
#include <optional>
#include <string_view>

namespace bellwether {

// Unix seconds ("1763900000", "1763900000.25"), RFC 3339 ("2026-11-23T10:00:00Z",
// "...T10:00:00.5+01:00") or a plain UTC date-time as history exports write it
// ("2004/8/29 0:12", "2004-08-29 00:12:30", "2004-08-29"). Nullopt when it is none of these.
std::optional<double> parse_timestamp(std::string_view text);

}  // namespace bellwether
