// Glue for io.bellwether.api.NativeBridge: each entry point decodes the request bytes, calls
// the core's request function and encodes the answer. This is the JNI surface's one catch
// boundary: no C++ exception crosses into the JVM, every failure becomes a pending
// BellwetherException with the core's error kind and message.
#include <jni.h>

#include <exception>
#include <new>
#include <string>

#include "bellwether/error.hpp"
#include "bellwether/requests.hpp"
#include "bellwether_exception.hpp"
#include "io_bellwether_api_NativeBridge.h"

namespace bellwether::jni {
namespace {

using RequestFunction = nlohmann::json (*)(const nlohmann::json&);

// Copies the bytes out (no pinning, so nothing to release and no critical region).
std::string bytes_of(JNIEnv* env, jbyteArray array) {
  const jsize size = env->GetArrayLength(array);
  std::string text(static_cast<std::size_t>(size), '\0');
  env->GetByteArrayRegion(array, 0, size, reinterpret_cast<jbyte*>(text.data()));
  return text;
}

// Nullptr with an OutOfMemoryError pending when the JVM cannot allocate the array.
jbyteArray byte_array(JNIEnv* env, const std::string& text) {
  const auto size = static_cast<jsize>(text.size());
  jbyteArray array = env->NewByteArray(size);
  if (array) env->SetByteArrayRegion(array, 0, size, reinterpret_cast<const jbyte*>(text.data()));
  return array;
}

// nlohmann's message quotes the token it stopped at ("; last read: '...'"), which may be part of
// a secret in the request (a Redis password in an unterminated string): only the position and
// the reason are kept.
std::string parse_problem(const nlohmann::json::parse_error& e) {
  std::string message = e.what();
  if (const auto tag_end = message.find("] "); message.rfind("[json.exception.", 0) == 0 && tag_end != std::string::npos) {
    message.erase(0, tag_end + 2);
  }
  if (const auto echo = message.find("; last read:"); echo != std::string::npos) message.erase(echo);
  return message;
}

nlohmann::json parse_request(const std::string& text, const char* operation) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    fail(ErrorKind::input, "malformed JSON request: " + parse_problem(e), {operation, 0, 0, ""});
  }
}

jbyteArray call(JNIEnv* env, jbyteArray request, const char* operation, RequestFunction function) noexcept {
  try {
    if (!request) fail(ErrorKind::input, "the request is null", {operation, 0, 0, ""});
    const std::string text = bytes_of(env, request);
    if (env->ExceptionCheck()) return nullptr;
    const nlohmann::json answer = function(parse_request(text, operation));
    // One line; a string that is not UTF-8 (it cannot come from a parsed request, but a core
    // message might quote a file's bytes) is repaired rather than failing the whole answer.
    return byte_array(env, answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (const Error& e) {
    throw_bellwether_exception(env, std::string(to_string(e.kind())).c_str(), e.what());
  } catch (const std::bad_alloc&) {
    throw_bellwether_exception(env, "internal", std::string(operation) + ": out of native memory");
  } catch (const std::exception& e) {
    throw_bellwether_exception(env, "internal", std::string(operation) + ": " + e.what());
  } catch (...) {
    throw_bellwether_exception(env, "internal", std::string(operation) + ": unknown native failure");
  }
  return nullptr;
}

}  // namespace
}  // namespace bellwether::jni

using bellwether::jni::call;

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_compare(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "compare", bellwether::compare_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_analyze(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "analyze", bellwether::analyze_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_decide(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "decide", bellwether::decide_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_train(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "train", bellwether::train_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_evaluate(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "evaluate", bellwether::evaluate_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_intentTurn(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "intent_turn", bellwether::intent_turn_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_report(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "report", bellwether::report_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_notifyChat(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "notify", bellwether::notify_request);
}

JNIEXPORT jbyteArray JNICALL Java_io_bellwether_api_NativeBridge_version(JNIEnv* env, jclass, jbyteArray request) {
  return call(env, request, "version", bellwether::version_request);
}
