/**
 * examples/Jenkinsfile run as written (DeclarativePipeline standing in for Jenkins' declarative
 * runner) in a checkout of this repository's examples, with the real CLI: a rehearsal with the
 * regressed canary rolls back and fails the build, the healthy one is promoted.
 */
class ExampleJenkinsfileTest extends PipelineTestCase {

    private PipelineHarness checkout() {
        PipelineHarness h = harness {
            it.env.BUILD_NUMBER = '42'
            it.credentials['slack-release-webhook'] = 'http://127.0.0.1:9/services/T/B/secretReleaseToken'
        }
        File ws = h.workspace
        new File(ws, 'examples').mkdirs()
        example('').listFiles().findAll { it.name ==~ /.*\.(yaml|json|csv)/ }.each { new File(ws, 'examples/' + it.name).bytes = it.bytes }
        git(ws, 'init', '-q', '-b', 'main')
        git(ws, 'add', 'examples')
        git(ws, 'commit', '-q', '-m', 'examples')
        h.env.GIT_PREVIOUS_SUCCESSFUL_COMMIT = git(ws, 'rev-parse', 'HEAD')
        new File(ws, 'deploy').mkdirs()
        new File(ws, 'deploy/values-production.yaml').text = 'replicaCount: 6\n'
        new File(ws, 'src').mkdirs()
        new File(ws, 'src/Checkout.java').text = 'class Checkout {\n  int retries = 3;\n}\n'
        git(ws, 'add', 'src')
        git(ws, 'commit', '-q', '-m', 'checkout: retry payment once more')
        return h
    }

    void testARehearsalWithTheRegressedCanaryRollsBackAndFailsTheBuild() {
        PipelineHarness h = checkout()
        String result = h.runJenkinsfile(example('Jenkinsfile'), [METRICS_REPLAY: 'examples/metrics-regression.csv'])

        assert result == 'FAILURE'
        List<String> stages = h.stages()
        assert stages[0..2] == ['Build', 'Deliver', 'Decide']
        assert stages[3] in ['Deploy canary', 'Deploy rolling', 'Deploy bluegreen']
        assert stages[4].startsWith('Analyze ') && stages[-1] == 'Rollback'
        assert h.env.IMAGE_TAG == 'build-42'
        assert h.deployScripts()[0] == 'docker build --tag "$IMAGE:$IMAGE_TAG" . && docker push "$IMAGE:$IMAGE_TAG"'
        List<List<String>> helm = h.deployScripts().drop(1).collect { PipelineHarness.wordsOf(it) }
        assert helm.every { it[0] == 'helm' }
        assert helm[0].containsAll(['--values', 'deploy/values-production.yaml', 'image.repository=registry.example.com/shop/checkout', 'image.tag=build-42'])
        assert h.cliScripts()[0].contains("'features' '--git' '${h.env.GIT_PREVIOUS_SUCCESSFUL_COMMIT}..HEAD'")
        assert h.currentBuild.description.startsWith('rolled back: ')
        assert h.log.contains("Not shipped: ${h.currentBuild.description}".toString())
        assert h.callsOf('archiveArtifacts')[-1].args.artifacts == '.bellwether/**'
        assert h.file('deploy/history.csv').readLines().size() == 2
        assert !h.calls.toString().contains('secretReleaseToken')
    }

    void testARehearsalWithTheHealthyCanaryPromotes() {
        PipelineHarness h = checkout()
        String result = h.runJenkinsfile(example('Jenkinsfile'), [METRICS_REPLAY: 'examples/metrics.csv'])
        assert h.callsOf('error').isEmpty()
        assert result == 'SUCCESS'
        assert h.stages()[-1] == 'Promote'
        assert h.currentBuild.description.startsWith('promoted: ')
        Map changes = new groovy.json.JsonSlurper().parse(h.file('.bellwether/changes.json'))
        assert changes.nf == 1 && changes.criticality == 'high' && changes.qps == 420
    }

    private static String git(File repo, String... words) {
        Process p = new ProcessBuilder(['git', '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com'] + words.toList())
            .directory(repo).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0: "git ${words.join(' ')}: ${out}"
        return out.trim()
    }
}
