package io.bellwether.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds and loads libbellwether_jni, once per class loader, trying in order:
 * <ol>
 * <li>the file named by the system property {@value #PATH_PROPERTY} (when set, nothing else is
 * tried: an explicit choice that fails is an error, not a reason to load something else);</li>
 * <li>{@code System.loadLibrary("bellwether_jni")}, i.e. {@code java.library.path};</li>
 * <li>the library inside this jar under {@code /native/<os>-<arch>/}, copied to a new temporary
 * file, so that a second class loader (a Jenkins agent reconnecting) loads its own copy: the
 * JVM refuses to load one library file into two class loaders.</li>
 * </ol>
 * When none works, an {@link UnsatisfiedLinkError} names os.name, os.arch and what was tried.
 */
public final class NativeLoader {
    /** An explicit path of libbellwether_jni. */
    public static final String PATH_PROPERTY = "bellwether.native.path";
    /** Overrides the detected {@code <os>-<arch>}, e.g. to test an unsupported platform. */
    public static final String PLATFORM_PROPERTY = "bellwether.native.platform";
    static final String LIBRARY = "bellwether_jni";

    // Volatile so that every call after the first checks it without taking the lock.
    private static volatile boolean loaded;
    private static String failure;

    private NativeLoader() {
    }

    /** Loads the library unless this class loader already did; throws the first failure again. */
    public static void load() {
        if (!loaded) {
            loadOnce();
        }
    }

    private static synchronized void loadOnce() {
        if (loaded) {
            return;
        }
        if (failure != null) {
            throw new UnsatisfiedLinkError(failure);
        }
        try {
            loadFirstThatWorks();
            loaded = true;
        } catch (UnsatisfiedLinkError e) {
            failure = e.getMessage();
            throw e;
        }
    }

    /** The platform directory this JVM looks for in the jar: linux-x86_64, linux-aarch64, .... */
    public static String platform() {
        String override = System.getProperty(PLATFORM_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override.trim();
        }
        return os(System.getProperty("os.name", "")) + "-" + arch(System.getProperty("os.arch", ""));
    }

    static String os(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("linux")) {
            return "linux";
        }
        if (n.startsWith("mac") || n.startsWith("darwin")) {
            return "macos";
        }
        if (n.startsWith("windows")) {
            return "windows";
        }
        return n.replaceAll("[^a-z0-9]+", "");
    }

    static String arch(String name) {
        String a = name.toLowerCase(Locale.ROOT);
        switch (a) {
            case "amd64":
            case "x86_64":
            case "x64":
                return "x86_64";
            case "aarch64":
            case "arm64":
                return "aarch64";
            default:
                return a.replaceAll("[^a-z0-9_]+", "");
        }
    }

    private static void loadFirstThatWorks() {
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null) {
            loadExplicit(explicit);
            return;
        }
        List<String> tried = new ArrayList<>();
        try {
            System.loadLibrary(LIBRARY);
            return;
        } catch (UnsatisfiedLinkError e) {
            tried.add("System.loadLibrary(\"" + LIBRARY + "\"): " + e.getMessage());
        }
        String resource = "/native/" + platform() + "/" + System.mapLibraryName(LIBRARY);
        try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                tried.add("jar resource " + resource + ": not in the jar");
            } else {
                System.load(extract(in).toString());
                return;
            }
        } catch (IOException | UnsatisfiedLinkError e) {
            tried.add("jar resource " + resource + ": " + e.getMessage());
        }
        throw new UnsatisfiedLinkError("no Bellwether native library for this platform (os.name="
                + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ", platform "
                + platform() + "); tried " + PATH_PROPERTY + " (not set); " + String.join("; ", tried));
    }

    private static void loadExplicit(String path) {
        Path file = Paths.get(path).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new UnsatisfiedLinkError(PATH_PROPERTY + "=" + path + ": no such file (os.name="
                    + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + ")");
        }
        try {
            System.load(file.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new UnsatisfiedLinkError(PATH_PROPERTY + "=" + path + ": " + e.getMessage());
        }
    }

    // A new file each time (createTempFile makes it unique and private to this user), named with
    // the version so a person can tell what left it behind.
    private static Path extract(InputStream in) throws IOException {
        String version = NativeLoader.class.getPackage().getImplementationVersion();
        String name = System.mapLibraryName(LIBRARY);
        Path file = Files.createTempFile("lib" + LIBRARY + "-" + (version == null ? "dev" : version) + "-",
                name.substring(name.lastIndexOf('.')));
        file.toFile().deleteOnExit();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
