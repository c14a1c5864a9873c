package io.bellwether.api;

/**
 * The native entry points of libbellwether_jni: a UTF-8 JSON request in, a UTF-8 JSON answer out.
 * Bytes rather than strings because JNI's own string encoding (modified UTF-8) is not UTF-8 for
 * characters outside the BMP. Failures arrive as {@link BellwetherException}. Use
 * {@link Bellwether}, which loads the library first.
 */
final class NativeBridge {
    private NativeBridge() {
    }

    static native byte[] compare(byte[] request);

    static native byte[] analyze(byte[] request);

    static native byte[] decide(byte[] request);

    static native byte[] train(byte[] request);

    static native byte[] evaluate(byte[] request);

    static native byte[] intentTurn(byte[] request);

    static native byte[] report(byte[] request);

    /** Not {@code notify}: that name belongs to {@link Object#notify()}. */
    static native byte[] notifyChat(byte[] request);

    static native byte[] version(byte[] request);
}
