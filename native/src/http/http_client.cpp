#include <curl/curl.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "bellwether/error.hpp"
#include "bellwether/http.hpp"

namespace bellwether::http {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

// The URL without credentials or query, for messages.
std::string shown(const std::string& url) {
  std::string s = url.substr(0, url.find('?'));
  const auto scheme = s.find("://");
  const auto at = s.find('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) s.erase(scheme + 3, at - scheme - 2);
  return s;
}

}  // namespace

std::string url_encode(const std::string& value) {
  global_init();
  CURL* curl = curl_easy_init();
  char* escaped = curl_easy_escape(curl, value.c_str(), static_cast<int>(value.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  curl_easy_cleanup(curl);
  return out;
}

Response get(const Request& request) {
  global_init();
  Response response;
  double backoff = request.backoff_seconds;
  std::string last_error;
  for (int attempt = 0; attempt <= request.retries; ++attempt) {
    if (attempt > 0) {
      std::this_thread::sleep_for(std::chrono::duration<double>(backoff));
      backoff *= 2;
    }
    CURL* curl = curl_easy_init();
    if (!curl) fail(ErrorKind::internal, "cannot initialise libcurl");
    std::string body;
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_seconds * 1000));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout_seconds * 1000));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!request.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, request.ca_file.c_str());
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    response.attempts = attempt + 1;
    if (code != CURLE_OK) {
      last_error = error[0] ? error : curl_easy_strerror(code);
      continue;  // connection-level failure: retry
    }
    response.status = status;
    response.body = std::move(body);
    if (status >= 500 && attempt < request.retries) continue;
    return response;
  }
  fail(ErrorKind::http, "GET " + shown(request.url) + " failed after " + std::to_string(response.attempts) +
                            " attempt(s): " + last_error);
}

}  // namespace bellwether::http
