package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * One external command of a deploy plan, with the label shown in the pipeline's step view.
 * Either an argument list for `sh` (joined by ShellCommand) or a PowerShell script for the
 * `powershell` step, which may need library resources (the IIS scripts) written first.
 */
class Command implements Serializable {
    private static final long serialVersionUID = 1L

    final String label
    final List<String> argv
    final String powershellScript
    final List<String> resources

    private Command(String label, List<String> argv, String powershellScript, List<String> resources) {
        this.label = label
        this.argv = argv
        this.powershellScript = powershellScript
        this.resources = resources
    }

    @NonCPS
    static Command shell(String label, List<String> argv) {
        List<String> words = []
        for (Object word : argv) {
            words.add(word.toString())
        }
        return new Command(label, words, null, [])
    }

    @NonCPS
    static Command powershell(String label, String script, List<String> resources) {
        return new Command(label, null, script, resources)
    }

    @NonCPS
    String shellScript() {
        return ShellCommand.join(argv)
    }

    @NonCPS
    String toString() {
        return argv != null ? shellScript() : powershellScript
    }
}
