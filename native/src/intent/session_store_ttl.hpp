#pragma once
#include <chrono>

namespace bellwether::intent::detail {

// Every store needs a TTL Redis can express (EX takes whole seconds, at least 1).
// Throws Error(config) otherwise.
void check_session_ttl(std::chrono::seconds ttl);

}  // namespace bellwether::intent::detail
