package io.bellwether.api;

import static io.bellwether.api.Fixtures.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the library is found: the jar's own resource, an explicit path, and clear errors. */
class NativeLoaderTest {
    @TempDir
    Path dir;

    /** The jar copied somewhere else, with nothing beside it: it must carry its library. */
    private Path copiedJar() throws Exception {
        Path jar = dir.resolve("elsewhere").resolve("bellwether-api.jar");
        Files.createDirectories(jar.getParent());
        return Files.copy(property("bellwether.api.jar"), jar);
    }

    private static void assertNoCrash(Fixtures.Run run) {
        assertTrue(run.exit() == 0 || run.exit() == 1, "exit " + run.exit() + ": " + run.stderr());
        assertTrue(!run.stdout().contains("hs_err") && !run.stderr().contains("A fatal error has been detected"), run.stderr());
        assertTrue(!run.stdout().contains("WARNING in native method"), run.stdout());
    }

    @Test
    void aFreshJvmLoadsTheLibraryFromTheJarAlone() throws Exception {
        Fixtures.Run run = Fixtures.java(copiedJar().toString(), "io.bellwether.api.Bellwether", "-Djava.library.path=" + dir);
        assertNoCrash(run);
        assertEquals(0, run.exit(), run.stderr());
        assertEquals("{\"version\":\"" + System.getProperty("bellwether.version") + "\"}", run.stdout().trim());
    }

    @Test
    void anExplicitPathIsUsed() throws Exception {
        Fixtures.Run run = Fixtures.java(copiedJar().toString(), "io.bellwether.api.Bellwether",
                "-Dbellwether.native.path=" + property("bellwether.jni"));
        assertNoCrash(run);
        assertEquals(0, run.exit(), run.stderr());
    }

    @Test
    void anExplicitPathToAMissingFileIsAClearError() throws Exception {
        Fixtures.Run run = Fixtures.java(copiedJar().toString(), "io.bellwether.api.Bellwether",
                "-Dbellwether.native.path=/nonexistent/libbellwether_jni.so");
        assertNoCrash(run);
        assertEquals(1, run.exit());
        assertTrue(run.stderr().contains("java.lang.UnsatisfiedLinkError: bellwether.native.path="
                + "/nonexistent/libbellwether_jni.so: no such file (os.name="), run.stderr());
    }

    @Test
    void anUnknownPlatformIsAClearErrorNamingIt() throws Exception {
        Fixtures.Run run = Fixtures.java(copiedJar().toString(), "io.bellwether.api.Bellwether",
                "-Dbellwether.native.platform=plan9-mips");
        assertNoCrash(run);
        assertEquals(1, run.exit());
        String error = run.stderr();
        assertTrue(error.contains("no Bellwether native library for this platform (os.name="
                + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ", platform plan9-mips)"), error);
        assertTrue(error.contains("jar resource /native/plan9-mips/libbellwether_jni.so: not in the jar"), error);
        assertTrue(error.contains("System.loadLibrary(\"bellwether_jni\")"), error);
    }

    @Test
    void twoClassLoadersEachLoadTheirOwnCopy() throws Exception {
        URL jar = copiedJar().toUri().toURL();
        ClassLoader parent = ClassLoader.getPlatformClassLoader();
        try (URLClassLoader first = new URLClassLoader(new URL[] {jar}, parent);
                URLClassLoader second = new URLClassLoader(new URL[] {jar}, parent)) {
            Class<?> a = first.loadClass("io.bellwether.api.Bellwether");
            Class<?> b = second.loadClass("io.bellwether.api.Bellwether");
            assertNotSame(a, b);
            assertEquals(a.getMethod("version").invoke(null), b.getMethod("version").invoke(null));
            assertEquals(Bellwether.version(), a.getMethod("version").invoke(null));

            // An error from the second copy is the second loader's BellwetherException.
            Method decide = b.getMethod("decide", String.class);
            InvocationTargetException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    InvocationTargetException.class, () -> decide.invoke(null, "{\"changes\": []}"));
            Throwable cause = thrown.getCause();
            assertEquals("io.bellwether.api.BellwetherException", cause.getClass().getName());
            assertEquals(second, cause.getClass().getClassLoader());
            assertNotEquals(BellwetherException.class, cause.getClass());
            assertEquals("decide: changes: expected an object, got array", cause.getMessage());
        }
    }

    @Test
    void platformNamesAreNormalised() {
        assertEquals("linux", NativeLoader.os("Linux"));
        assertEquals("macos", NativeLoader.os("Mac OS X"));
        assertEquals("windows", NativeLoader.os("Windows 11"));
        assertEquals("x86_64", NativeLoader.arch("amd64"));
        assertEquals("aarch64", NativeLoader.arch("arm64"));
        assertEquals("ppc64le", NativeLoader.arch("ppc64le"));
    }
}
