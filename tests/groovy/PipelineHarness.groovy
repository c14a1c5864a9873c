import groovy.json.JsonSlurper
import io.bellwether.pipeline.ShellCommand

import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.PathMatcher

/**
 * TEST DOUBLE of the Jenkins Pipeline steps the shared library calls (not Jenkins, not
 * JenkinsPipelineUnit): it loads shared-library/vars/bellwether.groovy as a script whose
 * binding holds stand-ins for sh, readJSON, writeFile, readFile, fileExists, archiveArtifacts,
 * libraryResource, input, error, echo, sleep, stage, withCredentials/string, powershell, env
 * and currentBuild, and records every call in order.
 *
 * `sh` runs nothing but the bellwether CLI: a script that starts with the quoted path in
 * env.BELLWETHER_CLI (the real CLI built in the same test run) is run by bash in the workspace
 * with the pipeline's environment, and its real exit status is returned. Every other command
 * (helm, kubectl, OTA tools) is only recorded, answered by `shAnswers` (exit 0 by default).
 *
 * With `plugin = true` the bellwether plugin's steps (bellwetherDecide, bellwetherAnalyze,
 * bellwetherNotify, with the arguments of issue 6) are bound too; they answer as the plugin
 * does, which they get from the real CLI: the engine's JSON as a map, or for bellwetherNotify
 * a boolean, true when the webhook (the URL in `credentials`) took the post.
 */
class PipelineHarness {
    /** env: unset names read as null, every value is kept as a string. */
    static class FakeEnv extends GroovyObjectSupport {
        final Map<String, String> values = new LinkedHashMap<>()

        Object getProperty(String name) { values[name] }

        void setProperty(String name, Object value) { values[name] = value == null ? null : value.toString() }

        Map<String, String> snapshot() { new LinkedHashMap<String, String>(values.findAll { k, v -> v != null }) }
    }

    static class FakeBuild {
        String description
        String result
        String displayName
    }

    final File workspace
    final File library
    final String cli
    final List<Map> calls = []
    final List<String> log = []
    final FakeEnv env = new FakeEnv()
    final FakeBuild currentBuild = new FakeBuild()
    final Map<String, String> credentials = [:]
    final Map<String, String> boundCredentials = [:]
    /** [[pattern: regex over the script, status: int, stdout: String]], first match wins. */
    final List<Map> shAnswers = []
    /** 'approve' or 'reject': what the person at the `input` step does. */
    String approval = 'approve'
    boolean plugin = false
    Script bellwether

    PipelineHarness(String cli, File repository, File workspace) {
        this.cli = cli
        this.library = new File(repository, 'shared-library')
        this.workspace = workspace
        env.BELLWETHER_CLI = cli
        env.BUILD_URL = 'https://jenkins.example.com/job/checkout/42/'
    }

    Binding binding

    /** The var, loaded fresh, as the pipeline's `bellwether`. */
    Script load() {
        binding = new Binding()
        bindSteps(binding)
        bellwether = new GroovyShell(getClass().classLoader, binding).parse(new File(library, 'vars/bellwether.groovy'))
        binding.setVariable('bellwether', bellwether)
        return bellwether
    }

    /**
     * Runs a declarative Jenkinsfile with DeclarativePipeline (the library comes from this
     * checkout, so its @Library line is dropped); returns the build result.
     */
    String runJenkinsfile(File jenkinsfile, Map parameters) {
        String text = jenkinsfile.text
        assert text =~ /(?m)^@Library\('bellwether'\) _$/: 'the Jenkinsfile loads the library as bellwether'
        DeclarativePipeline declarative = new DeclarativePipeline(this, parameters)
        binding.setVariable('pipeline', { Closure body -> declarative.run(body) })
        binding.setVariable('_', null)
        return (String) new GroovyShell(getClass().classLoader, binding).evaluate(text.replaceFirst(/(?m)^@Library\('bellwether'\) _$/, ''))
    }

    /** Runs pipeline script text (a scripted Jenkinsfile's body) with the same steps and `bellwether`. */
    Object runScript(String text, Map variables = [:]) {
        variables.each { k, v -> binding.setVariable(k.toString(), v) }
        return new GroovyShell(getClass().classLoader, binding).evaluate(text)
    }

    private void record(String step, Object args) {
        calls << [step: step, args: args]
    }

    private void bindSteps(Binding binding) {
        binding.setVariable('env', env)
        binding.setVariable('currentBuild', currentBuild)
        binding.setVariable('sh', { arg -> sh(arg instanceof Map ? (Map) arg : [script: arg.toString()]) })
        binding.setVariable('powershell', { arg ->
            Map args = arg instanceof Map ? (Map) arg : [script: arg.toString()]
            record('powershell', args)
            return args.returnStatus ? 0 : (args.returnStdout ? '' : null)
        })
        binding.setVariable('readJSON', { Map args ->
            record('readJSON', args)
            Object parsed = args.file ? new JsonSlurper().parse(file(args.file.toString())) : new JsonSlurper().parseText(args.text.toString())
            return plain(parsed)
        })
        binding.setVariable('readFile', { arg ->
            String path = arg instanceof Map ? arg.file.toString() : arg.toString()
            record('readFile', [file: path])
            return file(path).getText('UTF-8')
        })
        binding.setVariable('writeFile', { Map args ->
            record('writeFile', args)
            File target = file(args.file.toString())
            target.parentFile.mkdirs()
            target.setText(args.text.toString(), 'UTF-8')
        })
        binding.setVariable('fileExists', { arg ->
            String path = arg instanceof Map ? arg.file.toString() : arg.toString()
            record('fileExists', [file: path])
            return file(path).exists()
        })
        binding.setVariable('archiveArtifacts', { Map args ->
            record('archiveArtifacts', args + [files: archived(args.artifacts.toString(), args.allowEmptyArchive == true)])
        })
        binding.setVariable('libraryResource', { String path ->
            record('libraryResource', [resource: path])
            File resource = new File(library, 'resources/' + path)
            if (!resource.isFile()) {
                throw new PipelineError("No such library resource ${path} could be found.")
            }
            return resource.getText('UTF-8')
        })
        binding.setVariable('input', { Map args ->
            record('input', args)
            if (approval != 'approve') {
                throw new InputRejected("Rejected by ${args.submitter ?: 'someone'}")
            }
            return null
        })
        binding.setVariable('error', { String message ->
            record('error', [message: message])
            throw new PipelineError(message)
        })
        binding.setVariable('echo', { message ->
            record('echo', [message: message.toString()])
            log << message.toString()
        })
        binding.setVariable('sleep', { arg ->
            record('sleep', arg instanceof Map ? arg : [time: arg])
        })
        binding.setVariable('stage', { name, Closure body ->
            record('stage', [name: name.toString()])
            return body()
        })
        binding.setVariable('string', { Map args -> [type: 'string'] + args })
        binding.setVariable('withCredentials', { List bindings, Closure body ->
            record('withCredentials', [bindings: bindings])
            for (Map b : bindings) {
                if (!credentials.containsKey(b.credentialsId)) {
                    throw new PipelineError("Could not find credentials entry with ID '${b.credentialsId}'")
                }
                boundCredentials[b.variable.toString()] = credentials[b.credentialsId]
            }
            try {
                return body()
            } finally {
                bindings.each { boundCredentials.remove(it.variable.toString()) }
            }
        })
        if (plugin) {
            bindPluginSteps(binding)
        }
    }

    /** The plugin's steps (issue 6): file arguments relative to the workspace, a map answered. */
    private void bindPluginSteps(Binding binding) {
        binding.setVariable('bellwetherDecide', { Map args ->
            record('bellwetherDecide', args)
            List<String> argv = [cli, 'decide', '--changes', args.changes]
            if (args.policy) argv += ['--policy', args.policy]
            if (args.model) argv += ['--model', args.model]
            if (args.at) argv += ['--at', args.at]
            return jsonFromCli(argv)
        })
        binding.setVariable('bellwetherAnalyze', { Map args ->
            record('bellwetherAnalyze', args)
            List<String> argv = [cli, 'analyze', '--config', args.config]
            if (args.metrics) argv += ['--metrics', args.metrics]
            if (args.report) argv += ['--report', args.report]
            if (args.decision) argv += ['--decision', args.decision]
            ((Map) (args.vars ?: [:])).each { k, v -> argv += ['--var', "${k}=${v}".toString()] }
            return jsonFromCli(argv)
        })
        // As the plugin: the webhook URL from the Secret text credential, a post by the real
        // engine, true when the service took it; otherwise the reason in the log and false,
        // never a failed build.
        binding.setVariable('bellwetherNotify', { Map args ->
            record('bellwetherNotify', args)
            String url = credentials[args.credentialsId]
            if (url == null) {
                log << "Bellwether: nothing was posted to ${args.to}: no Secret text credential with ID ${args.credentialsId} is available to this build; the build goes on".toString()
                return false
            }
            List<String> argv = [cli, 'notify', '--to', args.to, '--url-env', 'BELLWETHER_WEBHOOK_URL', '--event', args.event]
            if (env.BUILD_URL) argv += ['--build-url', env.BUILD_URL]
            if (args.reportUrl) argv += ['--report-url', args.reportUrl]
            if (args.title) argv += ['--title', args.title]
            Map run = execute(argv.collect { it.toString() }, [BELLWETHER_WEBHOOK_URL: url])
            if (run.status != 0) {
                String reason = run.stderr.toString().trim().replaceFirst(/^bellwether: error: /, '')
                log << "Bellwether: ${reason}; the build goes on".toString()
                return false
            }
            log << "Bellwether: posted to ${args.to}".toString()
            return true
        })
    }

    private Map jsonFromCli(List<String> argv) {
        Map run = execute(argv.collect { it.toString() }, [:])
        if (run.status != 0) {
            throw new PipelineError("plugin step failed: ${run.stderr}")
        }
        return (Map) plain(new JsonSlurper().parseText(run.stdout.toString()))
    }

    private Object sh(Map args) {
        String script = args.script.toString()
        record('sh', args)
        Map outcome
        if (isCli(script)) {
            Map<String, String> environment = env.snapshot()
            environment.putAll(boundCredentials)
            outcome = execute(['/bin/bash', '-c', script], environment)
            if (outcome.stderr) {
                log << outcome.stderr.toString()
            }
        } else {
            Map answer = shAnswers.find { script =~ it.pattern }
            outcome = [status: answer?.status ?: 0, stdout: answer?.stdout ?: '']
        }
        calls[-1].status = outcome.status
        if (args.returnStatus) {
            return outcome.status
        }
        if (outcome.status != 0) {
            throw new PipelineError("script returned exit code ${outcome.status}")
        }
        return args.returnStdout ? outcome.stdout : null
    }

    private boolean isCli(String script) {
        return script.startsWith(ShellCommand.quote(env.BELLWETHER_CLI ?: 'bellwether') + ' ')
    }

    private Map execute(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace)
        builder.environment().putAll(environment)
        Process process = builder.start()
        ByteArrayOutputStream stdout = new ByteArrayOutputStream()
        ByteArrayOutputStream stderr = new ByteArrayOutputStream()
        process.waitForProcessOutput(stdout, stderr)
        int status = process.waitFor()
        return [status: status, stdout: stdout.toString('UTF-8'), stderr: stderr.toString('UTF-8')]
    }

    private List<String> archived(String patterns, boolean allowEmpty) {
        List<String> files = []
        Path root = workspace.toPath()
        for (String pattern : patterns.split(',')) {
            PathMatcher matcher = FileSystems.default.getPathMatcher('glob:' + pattern.trim())
            List<String> matched = []
            def stream = Files.walk(root)
            try {
                for (Path found : stream.iterator()) {
                    if (Files.isRegularFile(found) && matcher.matches(root.relativize(found))) {
                        matched << root.relativize(found).toString()
                    }
                }
            } finally {
                stream.close()
            }
            if (matched.isEmpty() && !allowEmpty) {
                throw new PipelineError("No artifacts found that match the file pattern \"${pattern}\"")
            }
            files.addAll(matched)
        }
        return files.sort()
    }

    File file(String path) {
        File f = new File(path)
        return f.isAbsolute() ? f : new File(workspace, path)
    }

    private static Object plain(Object value) {
        if (value instanceof Map) {
            Map copy = new LinkedHashMap()
            value.each { k, v -> copy[k.toString()] = plain(v) }
            return copy
        }
        if (value instanceof List) {
            return new ArrayList(value.collect { plain(it) })
        }
        return value
    }

    // ---- what the tests look at ----

    List<Map> callsOf(String step) {
        return calls.findAll { it.step == step }
    }

    List<String> stages() {
        return callsOf('stage').collect { it.args.name }
    }

    /** The sh scripts that are not the bellwether CLI: the deploy commands. */
    List<String> deployScripts() {
        return callsOf('sh').collect { it.args.script.toString() }.findAll { !isCli(it) }
    }

    List<String> cliScripts() {
        return callsOf('sh').collect { it.args.script.toString() }.findAll { isCli(it) }
    }

    /**
     * The words bash makes of a command line, found by running it as the arguments of
     * printf '%s\0' with no environment and a PATH that holds no program: anything left
     * unquoted would show as extra or missing words, a changed word, or bash complaining.
     */
    static List<String> wordsOf(String commandLine) {
        Process process = new ProcessBuilder(['/usr/bin/env', '-i', 'PATH=/nonexistent', '/bin/bash', '--noprofile', '--norc',
                                              '-c', "printf '%s\\0' " + commandLine]).start()
        ByteArrayOutputStream stdout = new ByteArrayOutputStream()
        ByteArrayOutputStream stderr = new ByteArrayOutputStream()
        process.waitForProcessOutput(stdout, stderr)
        int status = process.waitFor()
        assert status == 0 && stderr.size() == 0: "bash did not take ${commandLine} as plain words: ${stderr.toString('UTF-8')}"
        String out = stdout.toString('UTF-8')
        assert out.endsWith('\u0000')
        return out.substring(0, out.length() - 1).split('\u0000', -1).toList()
    }

    List<List<String>> deployCommands() {
        return deployScripts().collect { wordsOf(it) }
    }
}
