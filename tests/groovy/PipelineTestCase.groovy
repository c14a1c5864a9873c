import java.nio.file.Files

/**
 * Base of the shared-library tests: a fresh harness per test in its own temporary workspace,
 * the real CLI's path and the repository root (set by run_tests.groovy).
 */
abstract class PipelineTestCase {
    String cli
    File repository
    private final List<File> workspaces = []

    PipelineHarness harness(Closure configure = null) {
        File workspace = Files.createTempDirectory('bellwether-groovy-').toFile()
        workspaces << workspace
        PipelineHarness harness = new PipelineHarness(cli, repository, workspace)
        if (configure != null) {
            configure.call(harness)
        }
        harness.load()
        return harness
    }

    File example(String name) {
        return new File(repository, 'examples/' + name)
    }

    String examplePath(String name) {
        return example(name).absolutePath
    }

    /** Runs body, expects the pipeline to fail with `error`, returns the message. */
    static String failure(Closure body) {
        try {
            body()
        } catch (PipelineError expected) {
            return expected.message
        }
        throw new AssertionError('expected the step to fail with error(...), it succeeded')
    }

    void cleanup() {
        workspaces.each { it.deleteDir() }
    }
}
