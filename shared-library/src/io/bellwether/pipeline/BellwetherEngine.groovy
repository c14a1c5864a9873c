package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/**
 * Carries a request to the Bellwether engine and its answer back: through the plugin's steps
 * (bellwetherDecide, bellwetherAnalyze, bellwetherNotify) when the plugin is installed,
 * otherwise through the `bellwether` CLI on the agent. Either way the answer is the same JSON
 * (DESIGN.md), kept as evidence in the workspace.
 */
class BellwetherEngine implements Serializable {
    private static final long serialVersionUID = 1L

    final def steps
    final boolean plugin
    final BellwetherCli cli
    final Evidence evidence

    BellwetherEngine(steps, boolean plugin, String cliProgram, Evidence evidence) {
        this.steps = steps
        this.plugin = plugin
        this.cli = new BellwetherCli(cliProgram ?: 'bellwether')
        this.evidence = evidence
    }

    /** changes.json of a git range, written as evidence; returns its path. Needs the CLI. */
    String features(String gitRange, String repository) {
        String out = evidence.changes()
        runCli('Bellwether: features ' + gitRange, cli.features(gitRange, repository), out)
        return out
    }

    /** The Decision map; decision.json holds the same answer. */
    Map decide(Map request) {
        String out = evidence.decision()
        if (plugin) {
            Map answer = plainCopy(steps.bellwetherDecide(pluginArguments(request, ['changes', 'policy', 'model', 'at'])))
            steps.writeFile(file: out, text: JsonOutput.toJson(answer))
            return answer
        }
        return runCli('Bellwether: decide', cli.decide(request), out)
    }

    /** The Verdict map; verdictPath holds the same answer, request.report the HTML report. */
    Map analyze(Map request, String verdictPath) {
        if (plugin) {
            Map answer = plainCopy(steps.bellwetherAnalyze(pluginArguments(request,
                ['config', 'metrics', 'report', 'decision', 'vars', 'since', 'until', 'watch'])))
            steps.writeFile(file: verdictPath, text: JsonOutput.toJson(answer))
            return answer
        }
        return runCli('Bellwether: analyze', cli.analyze(request), verdictPath)
    }

    /**
     * Posts an event file to chat; true when the service took it. Best effort: a chat outage never
     * fails a deploy, so a failure is reported in the log and returned as false. The webhook URL
     * comes from a Jenkins credential and reaches the CLI only through an environment variable.
     */
    boolean notify(Map request) {
        if (plugin) {
            // The step answers true once the chat service took the post and has logged why when
            // not; a step that answers nothing (null) cannot vouch for a delivery.
            def delivered = steps.bellwetherNotify(pluginArguments(request, ['to', 'credentialsId', 'event', 'reportUrl', 'title']))
            return delivered == true
        }
        String variable = 'BELLWETHER_WEBHOOK_URL'
        List<String> argv = cli.notify(request + [urlVariable: variable])
        int status = 0
        steps.withCredentials([steps.string(credentialsId: request.credentialsId, variable: variable)]) {
            status = steps.sh(script: ShellCommand.join(argv), returnStatus: true, label: 'Bellwether: notify ' + request.to)
        }
        if (status != 0) {
            steps.echo("bellwether notify to ${request.to} failed (exit ${status}: ${BellwetherCli.exitMeaning(status)}); the deploy goes on")
            return false
        }
        return true
    }

    /**
     * Appends the deploy's outcome to the history `bellwether train` learns from. The deploy has
     * happened by then, so a history that cannot be written is reported, not a failed build.
     */
    boolean record(String changes, String verdict, String history) {
        int status = steps.sh(script: ShellCommand.join(cli.record(changes, verdict, history)), returnStatus: true,
                              label: 'Bellwether: record outcome')
        if (status != 0) {
            steps.echo("bellwether record into ${history} failed (exit ${status}: ${BellwetherCli.exitMeaning(status)}); the outcome is in the archived evidence")
            return false
        }
        return true
    }

    private Map runCli(String label, List<String> argv, String out) {
        String script = ShellCommand.join(argv) + ' > ' + ShellCommand.quote(out)
        int status = steps.sh(script: script, returnStatus: true, label: label)
        if (status != 0) {
            steps.error("${label.replace('Bellwether: ', 'bellwether ')} failed (exit ${status}: ${BellwetherCli.exitMeaning(status)}); see its message above")
        }
        return plainCopy(steps.readJSON(file: out))
    }

    @NonCPS
    private static Map pluginArguments(Map request, List<String> names) {
        Map arguments = [:]
        for (String name : names) {
            if (request[name] != null && request[name] != false) {
                arguments[name] = request[name]
            }
        }
        return arguments
    }

    /**
     * readJSON answers net.sf.json objects; plain maps and lists serialize safely with the
     * pipeline and print as JSON again.
     */
    @NonCPS
    static Object plainCopy(Object value) {
        if (value instanceof Map) {
            Map copy = new LinkedHashMap()
            for (Map.Entry entry : ((Map) value).entrySet()) {
                copy[entry.key.toString()] = plainCopy(entry.value)
            }
            return copy
        }
        if (value instanceof List) {
            List copy = new ArrayList()
            for (Object item : (List) value) {
                copy.add(plainCopy(item))
            }
            return copy
        }
        if (value != null && value.getClass().name == 'net.sf.json.JSONNull') {
            return null
        }
        return value
    }
}
