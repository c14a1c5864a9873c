package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Argument lists for the `bellwether` command-line tool, built only from validated values and
 * the CLI's documented options (DESIGN.md, `bellwether <command> --help`). Secrets never
 * appear here: a webhook URL is handed over by the name of the environment variable holding it.
 */
class BellwetherCli implements Serializable {
    private static final long serialVersionUID = 1L

    final String program

    BellwetherCli(String program) {
        this.program = ArgumentRules.path('BELLWETHER_CLI', program)
    }

    @NonCPS
    List<String> features(String gitRange, String repository) {
        List<String> argv = [program, 'features', '--git', ArgumentRules.gitRange(gitRange)]
        if (repository) {
            argv += ['--repo', ArgumentRules.path('repo', repository)]
        }
        return argv
    }

    @NonCPS
    List<String> decide(Map request) {
        List<String> argv = [program, 'decide', '--changes', ArgumentRules.path('changes', request.changes)]
        if (request.policy) {
            argv += ['--policy', ArgumentRules.path('policy', request.policy)]
        }
        if (request.model) {
            argv += ['--model', ArgumentRules.path('model', request.model)]
        }
        if (request.at) {
            argv += ['--at', ArgumentRules.time('at', request.at)]
        }
        return argv
    }

    @NonCPS
    List<String> analyze(Map request) {
        List<String> argv = [program, 'analyze', '--config', ArgumentRules.path('config', request.config)]
        if (request.metrics) {
            argv += ['--metrics', ArgumentRules.path('metrics', request.metrics)]
        }
        Map vars = (Map) (request.vars ?: [:])
        // Sorted, so the same step arguments always give the same command line.
        for (Object name : new TreeSet(vars.keySet().collect { it.toString() })) {
            String key = ArgumentRules.variableName(name)
            argv += ['--var', key + '=' + ArgumentRules.variableValue(key, vars[name])]
        }
        if (request.since) {
            argv += ['--since', ArgumentRules.time('since', request.since)]
        }
        if (request.until) {
            argv += ['--until', ArgumentRules.time('until', request.until)]
        }
        if (request.watch) {
            argv += ['--watch']
        }
        if (request.report) {
            argv += ['--report', ArgumentRules.path('report', request.report)]
        }
        if (request.decision) {
            argv += ['--decision', ArgumentRules.path('decision', request.decision)]
        }
        return argv
    }

    @NonCPS
    List<String> notify(Map request) {
        List<String> argv = [program, 'notify', '--to', ArgumentRules.chatService(request.to),
                             '--url-env', ArgumentRules.variableName(request.urlVariable),
                             '--event', ArgumentRules.path('event', request.event)]
        for (String option : ['buildUrl', 'reportUrl', 'title']) {
            if (request[option]) {
                String text = request[option].toString()
                if (text.contains('\n') || text.contains('\u0000')) {
                    throw new InvalidArgument("${option}: ${ArgumentRules.shown(text)} is not valid: expected one line")
                }
                argv += ['--' + option.replaceAll(/([A-Z])/) { all, c -> '-' + c.toLowerCase() }, text]
            }
        }
        if (request.dryRun) {
            argv += ['--dry-run']
        }
        return argv
    }

    @NonCPS
    List<String> record(String changes, String verdict, String history) {
        return [program, 'record', '--changes', ArgumentRules.path('changes', changes),
                '--verdict', ArgumentRules.path('verdict', verdict),
                '--history', ArgumentRules.path('history', history)]
    }

    /** What a non-zero exit status means (DESIGN.md, exit codes). */
    @NonCPS
    static String exitMeaning(int status) {
        switch (status) {
            case 2: return 'usage error'
            case 3: return 'configuration or input error'
            case 4: return 'source or network error'
            case 10: return 'verdict slow'
            case 20: return 'verdict rollback'
            case 126: return 'the bellwether program is not executable'
            case 127: return 'the bellwether program was not found (set env.BELLWETHER_CLI or put it on PATH)'
            default: return 'unexpected failure'
        }
    }
}
