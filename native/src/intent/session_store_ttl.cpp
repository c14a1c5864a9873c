#include "intent/session_store_ttl.hpp"

#include <string>

#include "bellwether/error.hpp"

namespace bellwether::intent::detail {

void check_session_ttl(std::chrono::seconds ttl) {
  if (ttl.count() < 1) {
    fail(ErrorKind::config, "session TTL must be at least 1 second, got " + std::to_string(ttl.count()));
  }
}

}  // namespace bellwether::intent::detail
