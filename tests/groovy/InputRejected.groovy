/** Part of the PipelineHarness test double: what a rejected `input` throws, like Jenkins' FlowInterruptedException. */
class InputRejected extends RuntimeException {
    InputRejected(String message) {
        super(message)
    }
}
