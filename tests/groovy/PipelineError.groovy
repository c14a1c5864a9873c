/** Part of the PipelineHarness test double: what `error` throws, like Jenkins' AbortException. */
class PipelineError extends RuntimeException {
    PipelineError(String message) {
        super(message)
    }
}
