#pragma once
// What every call to Jenkins shares: the base URL, the basic-auth header, the form-encoded body
// of a trigger, and the mapping of an unwanted HTTP status to an Error a person can act on.
#include <string>

#include "bellwether/http.hpp"
#include "bellwether/jenkins.hpp"

namespace bellwether::jenkins::detail {

// settings.url without trailing slashes.
std::string base_url(const Settings& settings);

// "Basic base64(user:token)", or "" for anonymous settings.
std::string basic_authorization(const Settings& settings);

// A request to `url` with the settings' credentials, timeout, retries and trust store.
http::Request authorized_request(const Settings& settings, const std::string& url);

// k=v&k2=v2 with keys and values percent-encoded (application/x-www-form-urlencoded).
std::string form_body(const Parameters& params);

// <base>/job/…/buildWithParameters, or …/build for a job without parameters.
std::string trigger_url(const Settings& settings, const std::string& jenkins_job, const Parameters& params);

inline constexpr const char* kFormContentType = "application/x-www-form-urlencoded";

// What a 404 means depends on what was asked for ("no job a/b on <url>", "no build #3 of …").
// 401/403 name the user (never the token), 409 says the job is not buildable, anything else
// gives the status and the first line of Jenkins' answer (the title of an HTML error page).
[[noreturn]] void fail_for_status(const Settings& settings, const http::Request& request,
                                  const http::Response& response, const std::string& jenkins_job,
                                  const std::string& not_found);

// "no job <jenkins_job> on <base url>"
std::string no_such_job(const Settings& settings, const std::string& jenkins_job);

}  // namespace bellwether::jenkins::detail
