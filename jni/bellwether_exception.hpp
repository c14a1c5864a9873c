#pragma once
// Glue for io.bellwether.api.BellwetherException: the one way a native failure reaches Java.
#include <jni.h>

#include <string>
#include <string_view>

namespace bellwether::jni {

// Leaves a pending io.bellwether.api.BellwetherException(kind, message) for the JVM to throw
// when the native method returns. The message travels as UTF-8 bytes and is decoded in Java, so
// any byte sequence (a quoted file line, a chat message) makes a valid string. If an exception
// is already pending, that one is kept. Never throws.
void throw_bellwether_exception(JNIEnv* env, const char* kind, std::string_view message) noexcept;

}  // namespace bellwether::jni
