import groovy.json.JsonSlurper

/**
 * bellwether.notify through the plugin's bellwetherNotify step: its boolean is notify's answer,
 * true only when the webhook took the post, and a failed post never fails the build.
 */
class NotifyTest extends PipelineTestCase {
    static final String AT = '2026-11-24T14:00:00Z'
    static final String SECRET = 'secretSlackToken5a4b3c'

    private PipelineHarness pluginHarness(String webhookUrl) {
        PipelineHarness h = harness {
            it.plugin = true
            it.env.BELLWETHER_ENGINE = 'plugin'
            if (webhookUrl != null) {
                it.credentials['slack-webhook'] = webhookUrl
            }
        }
        // A real decision as the event: decision.json in the evidence directory.
        h.bellwether.decide(changes: examplePath('changes.json'), policy: examplePath('policy.yaml'), at: AT)
        assert h.file('.bellwether/decision.json').isFile()
        return h
    }

    private static final Map slack = [to: 'slack', credentialsId: 'slack-webhook', event: '.bellwether/decision.json']

    /** Runs body with the URL of tests/doubles/webhook_sink.py; returns the requests it received. */
    private List<Map> withWebhookSink(Closure body) {
        File sinkDir = java.nio.file.Files.createTempDirectory('bellwether-sink-').toFile()
        Process sink = new ProcessBuilder(['/usr/bin/python3', new File(repository, 'tests/doubles/webhook_sink.py').path,
                                           '--port-file', new File(sinkDir, 'port').path, '--log', new File(sinkDir, 'requests.jsonl').path])
            .redirectErrorStream(true).redirectOutput(new File(sinkDir, 'sink.log')).start()
        try {
            File portFile = new File(sinkDir, 'port')
            for (int i = 0; i < 100 && !portFile.exists(); i++) {
                Thread.sleep(50)
            }
            assert portFile.exists(): 'the webhook sink did not start'
            body("http://127.0.0.1:${portFile.text.trim()}/services/T0000/B0000/${SECRET}".toString())
            File requests = new File(sinkDir, 'requests.jsonl')
            return requests.exists() ? requests.readLines().collect { (Map) new JsonSlurper().parseText(it) } : []
        } finally {
            sink.destroy()
            sink.waitFor()
            sinkDir.deleteDir()
        }
    }

    void testAPostTheServiceTookIsTrue() {
        PipelineHarness h = null
        Object delivered = null
        List<Map> posts = withWebhookSink { String url ->
            h = pluginHarness(url)
            delivered = h.bellwether.notify(slack)
        }
        assert delivered == true
        assert posts.size() == 1 && posts[0].path == "/services/T0000/B0000/${SECRET}".toString()
        assert posts[0].body.contains('canary')
        assert h.callsOf('bellwetherNotify')*.args == [slack]
        assert h.cliScripts().isEmpty() && h.callsOf('withCredentials').isEmpty()
    }

    void testTheReportLinkAndTitleReachTheStep() {
        PipelineHarness h = null
        Map request = slack + [reportUrl: 'https://ci.example.com/job/x/1/bellwether/', title: 'Checkout canary']
        List<Map> posts = withWebhookSink { String url ->
            h = pluginHarness(url)
            assert h.bellwether.notify(request) == true
        }
        assert h.callsOf('bellwetherNotify')*.args == [request]
        assert posts.size() == 1
        assert posts[0].body.contains('Checkout canary') && posts[0].body.contains('https://ci.example.com/job/x/1/bellwether/')
    }

    void testAFalseFromTheStepIsAFalseFromNotify() {
        // Nothing listens on port 9: the engine gives up after its retry and the step answers false.
        PipelineHarness h = pluginHarness("http://127.0.0.1:9/services/T0000/B0000/${SECRET}".toString())
        Object delivered = h.bellwether.notify(slack)

        assert delivered == false
        assert h.callsOf('bellwetherNotify').size() == 1
        assert h.log.any { it.startsWith('Bellwether: notify: Slack at http://127.0.0.1:9 gave no answer') && it.endsWith('the build goes on') }
        assert !h.log.toString().contains(SECRET) && !h.calls.toString().contains(SECRET)
        assert h.callsOf('error').isEmpty()
    }

    void testAMissingCredentialIsAFalseNotAFailedBuild() {
        PipelineHarness h = pluginHarness(null)
        assert h.bellwether.notify(slack) == false
        assert h.log.any { it.contains('no Secret text credential with ID slack-webhook') }
        assert h.callsOf('error').isEmpty()
    }

    void testAStepThatAnswersNothingCountsAsNotDelivered() {
        PipelineHarness h = pluginHarness(null)
        // A plugin whose step returns nothing cannot vouch for a delivery.
        h.binding.setVariable('bellwetherNotify', { Map args -> null })
        assert h.bellwether.notify(slack) == false
    }
}
