#include "api/request_fields.hpp"
#include "bellwether/json.hpp"
#include "bellwether/requests.hpp"

namespace bellwether {

nlohmann::json version_request(const nlohmann::json& request) {
  return api::answer_for("version", [&] {
    const api::RequestFields fields(request, {});
    return nlohmann::json{{"version", version()}};
  });
}

}  // namespace bellwether
