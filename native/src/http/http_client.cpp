#include <curl/curl.h>

#include <algorithm>
#include <cctype>
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

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* target) {
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  } else if (line.rfind("HTTP/", 0) == 0) {
    static_cast<std::map<std::string, std::string>*>(target)->clear();  // a new response (after 100 Continue)
  }
  return size * count;
}

bool reached_no_application(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY;
}

}  // namespace

std::string shown_url(const std::string& url) {
  std::string s = url.substr(0, url.find('?'));
  const auto scheme = s.find("://");
  const auto at = s.find('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) s.erase(scheme + 3, at - scheme - 2);
  return s;
}

std::string Response::header(const std::string& lower_case_name) const {
  const auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

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
  Request copy = request;
  copy.method = "GET";
  return send(copy);
}

Response post(Request request, std::string body, std::string content_type) {
  request.method = "POST";
  request.body = std::move(body);
  request.content_type = std::move(content_type);
  return send(request);
}

Response send(const Request& request) {
  global_init();
  const bool is_post = request.method == "POST";
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
    std::map<std::string, std::string> response_headers;
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
    if (is_post) {
      if (!request.content_type.empty()) headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
      headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
      curl_easy_setopt(curl, CURLOPT_POST, 1L);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response_headers);
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
      if (!request.idempotent && !reached_no_application(code)) {
        fail(ErrorKind::http, request.method + " " + shown_url(request.url) + " got no answer (" + last_error +
                                  "); not repeated because it may have been carried out");
      }
      continue;  // connection-level failure: retry
    }
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(response_headers);
    const bool retryable = request.idempotent ? status >= 500 : (status == 502 || status == 503);
    if (retryable && attempt < request.retries) continue;
    return response;
  }
  fail(ErrorKind::http, request.method + " " + shown_url(request.url) + " failed after " + std::to_string(response.attempts) +
                            " attempt(s): " + last_error);
}

}  // namespace bellwether::http
