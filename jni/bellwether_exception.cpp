#include "bellwether_exception.hpp"

#include <algorithm>

namespace bellwether::jni {
namespace {

// Deletes a local reference when the scope ends: a native method may run in a long loop of a
// Java thread, so every reference made here is released, not left to the frame.
class LocalRef {
 public:
  LocalRef(JNIEnv* env, jobject ref) : env_(env), ref_(ref) {}
  ~LocalRef() {
    if (ref_) env_->DeleteLocalRef(ref_);
  }
  LocalRef(const LocalRef&) = delete;
  LocalRef& operator=(const LocalRef&) = delete;
  jobject get() const { return ref_; }

 private:
  JNIEnv* env_;
  jobject ref_;
};

}  // namespace

void throw_bellwether_exception(JNIEnv* env, const char* kind, std::string_view message) noexcept {
  if (env->ExceptionCheck()) return;
  // Looked up on each failure rather than cached: errors are rare, and this stays right when
  // the library is loaded by several class loaders (each has its own BellwetherException).
  const LocalRef type(env, env->FindClass("io/bellwether/api/BellwetherException"));
  if (!type.get()) return;  // NoClassDefFoundError is pending
  const auto cls = static_cast<jclass>(type.get());
  const jmethodID from_native =
      env->GetStaticMethodID(cls, "fromNative", "(Ljava/lang/String;[B)Lio/bellwether/api/BellwetherException;");
  if (!from_native) return;  // NoSuchMethodError is pending
  const LocalRef kind_text(env, env->NewStringUTF(kind));
  if (!kind_text.get()) return;  // OutOfMemoryError is pending
  const auto size = static_cast<jsize>(std::min<std::size_t>(message.size(), 1 << 20));
  const LocalRef bytes(env, env->NewByteArray(size));
  if (!bytes.get()) return;
  env->SetByteArrayRegion(static_cast<jbyteArray>(bytes.get()), 0, size, reinterpret_cast<const jbyte*>(message.data()));
  const LocalRef error(env, env->CallStaticObjectMethod(cls, from_native, kind_text.get(), bytes.get()));
  if (!error.get() || env->ExceptionCheck()) return;
  env->Throw(static_cast<jthrowable>(error.get()));
}

}  // namespace bellwether::jni
