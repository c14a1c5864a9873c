#pragma once
// SHA-256 (FIPS 180-4), used to turn a session key into a file name that cannot name a path.
#include <string>
#include <string_view>

namespace bellwether::intent::detail {

// The digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace bellwether::intent::detail
