package io.bellwether.pipeline

/**
 * Runs a deploy plan through the pipeline's steps: `sh` for argument lists (quoted by
 * ShellCommand), `powershell` for IIS scripts, whose .ps1 files come from the library's
 * resources and are written to the workspace first.
 */
class CommandRunner implements Serializable {
    private static final long serialVersionUID = 1L

    static final String RESOURCE_ROOT = 'io/bellwether/'

    final def steps
    final String scriptDirectory

    CommandRunner(steps, String scriptDirectory) {
        this.steps = steps
        this.scriptDirectory = scriptDirectory
    }

    void run(List<Command> plan) {
        for (Command command : plan) {
            if (command.argv != null) {
                steps.sh(script: command.shellScript(), label: command.label)
            } else {
                for (String resource : command.resources) {
                    steps.writeFile(file: scriptDirectory + '/' + resource,
                                    text: steps.libraryResource(RESOURCE_ROOT + resource))
                }
                steps.powershell(script: command.powershellScript, label: command.label)
            }
        }
    }
}
