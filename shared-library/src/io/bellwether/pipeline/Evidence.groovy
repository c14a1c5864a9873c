package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Where the library writes what it decided and measured: one directory in the workspace,
 * archived with the build, so every deploy keeps its decision, verdicts and reports.
 */
class Evidence implements Serializable {
    private static final long serialVersionUID = 1L

    final String directory

    Evidence(String directory) {
        this.directory = ArgumentRules.path('evidenceDir', directory ?: '.bellwether')
    }

    @NonCPS
    String decision() {
        return directory + '/decision.json'
    }

    @NonCPS
    String changes() {
        return directory + '/changes.json'
    }

    @NonCPS
    String verdict(String name) {
        return directory + '/verdict' + suffix(name) + '.json'
    }

    @NonCPS
    String report(String name) {
        return directory + '/report' + suffix(name) + '.html'
    }

    @NonCPS
    String summary() {
        return directory + '/summary.json'
    }

    @NonCPS
    String everything() {
        return directory + '/**'
    }

    @NonCPS
    private static String suffix(String name) {
        if (!name) {
            return ''
        }
        if (!(name ==~ /[A-Za-z0-9][A-Za-z0-9_.-]{0,40}/)) {
            throw new InvalidArgument("name: ${ArgumentRules.shown(name)} is not valid: expected letters, digits, '_', '.' and '-'")
        }
        return '-' + name
    }

    /**
     * Creates the directory (writeFile makes parent directories) with a note saying what the
     * files are, for whoever downloads the build's artifacts.
     */
    void prepare(steps) {
        steps.writeFile(file: directory + '/README.txt', text: '''\
Evidence written by the bellwether shared library for this build:
  changes.json          change features computed from git (when decide was given a gitRange)
  decision.json         bellwether decide: risk score, strategy, pace, gates, reasons
  verdict-<step>.json   bellwether analyze at each traffic step: promote | slow | rollback, with the numbers
  report-<step>.html    the HTML report of that analysis
  summary.json          the whole progressive delivery: steps, verdicts, outcome
''')
    }
}
