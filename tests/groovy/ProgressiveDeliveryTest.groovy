import groovy.json.JsonSlurper

/**
 * bellwether.progressiveDelivery end to end with the real CLI: stage names, the deploy commands
 * in order, promote on the healthy example canary, rollback on the regressed one, slow verdicts,
 * evidence, description, chat and history.
 */
class ProgressiveDeliveryTest extends PipelineTestCase {
    static final String AT = '2026-11-24T14:00:00Z'
    static final List<String> HELM_TAIL = ['--namespace', 'shop', '--wait', '--timeout', '10m', '--set-string', 'image.tag=1.4.2']

    private Map helmCanary(String metrics) {
        return [changes: examplePath('changes.json'), policy: examplePath('policy.yaml'), at: AT,
                target: 'k8s', tool: 'helm', namespace: 'shop', release: 'checkout', chart: 'charts/checkout', tag: '1.4.2',
                analysis: [config: examplePath('slo.yaml'), metrics: examplePath(metrics)]]
    }

    private static List<String> canaryAt(int weight) {
        return ['helm', 'upgrade', '--install', 'checkout-canary', 'charts/checkout'] + HELM_TAIL + ['--set', 'canary.enabled=true', '--set', "canary.weight=${weight}".toString()]
    }

    void testAHealthyCanaryWalksThePaceAndPromotes() {
        PipelineHarness h = harness()
        // Locals named unlike the settings: inside the closure a local would win over the setting.
        String changeFile = examplePath('changes.json'), policyFile = examplePath('policy.yaml'), slo = examplePath('slo.yaml'), csv = examplePath('metrics.csv')
        String when = AT
        Map result = h.bellwether.progressiveDelivery {
            changes = changeFile
            policy = policyFile
            at = when
            target = 'k8s'
            tool = 'helm'
            namespace = 'shop'
            release = 'checkout'
            chart = 'charts/checkout'
            tag = '1.4.2'
            analysis = [config: slo, metrics: csv]
        }

        assert h.stages() == ['Decide', 'Deploy canary', 'Analyze 10%', 'Analyze 25%', 'Analyze 50%', 'Promote']
        assert h.deployCommands() == [canaryAt(10), canaryAt(25), canaryAt(50),
                                      ['helm', 'upgrade', '--install', 'checkout', 'charts/checkout'] + HELM_TAIL,
                                      ['helm', 'uninstall', 'checkout-canary', '--namespace', 'shop']]
        assert h.cliScripts().size() == 4
        assert h.cliScripts()[1..3].every { it.contains("'analyze' '--config' '${slo}' '--metrics' '${csv}'") }
        assert h.callsOf('sleep')*.args == [[time: 300, unit: 'SECONDS']] * 3
        assert result.action == 'promote'
        assert result.steps*.weight == [10, 25, 50] && result.steps*.action == ['promote'] * 3
        assert h.env.DEPLOY_STRATEGY == 'canary' && h.env.RISK_SCORE == '38.46' && h.env.PACE == '10,25,50,100'
        assert h.env.BELLWETHER_WEIGHT == '100'
        assert h.currentBuild.description == 'promoted: canary 10/25/50/100, risk 38.46; 10% promote, 25% promote, 50% promote'

        List<String> archived = h.callsOf('archiveArtifacts')[-1].args.files
        assert archived == ['.bellwether/README.txt', '.bellwether/decision.json', '.bellwether/report-10.html', '.bellwether/report-25.html',
                            '.bellwether/report-50.html', '.bellwether/summary.json', '.bellwether/verdict-10.json',
                            '.bellwether/verdict-25.json', '.bellwether/verdict-50.json']
        Map summary = new JsonSlurper().parse(h.file('.bellwether/summary.json'))
        assert summary.action == 'promote' && summary.pace == [10, 25, 50, 100] && summary.steps*.verdict[0] == '.bellwether/verdict-10.json'
        assert h.callsOf('error').isEmpty()
    }

    void testARegressedCanaryRollsBackAtTheFirstStepAndFailsTheBuild() {
        PipelineHarness h = harness()
        String message = failure { h.bellwether.progressiveDelivery(helmCanary('metrics-regression.csv')) }

        assert h.stages() == ['Decide', 'Deploy canary', 'Analyze 10%', 'Rollback']
        assert h.deployCommands() == [canaryAt(10), ['helm', 'uninstall', 'checkout-canary', '--namespace', 'shop']]
        assert message.startsWith('bellwether: rolled back at 10%: rollback: critical metric error_rate failed')
        assert h.currentBuild.description.startsWith('rolled back: canary 10/25/50/100, risk 38.46; 10% rollback - rollback: critical metric error_rate')
        // The evidence is published before the build fails.
        assert h.callsOf('archiveArtifacts')[-1].args.files.contains('.bellwether/verdict-10.json')
        assert new JsonSlurper().parse(h.file('.bellwether/summary.json')).action == 'rollback'
        assert h.env.BELLWETHER_WEIGHT == '0'
    }

    void testAVerdictThatStaysSlowIsAnalysedAgainThenRolledBack() {
        PipelineHarness h = harness()
        h.file('slow-slo.yaml').text = example('slo.yaml').text.replaceAll(/min_samples: 10\b/, 'min_samples: 100000')
        Map config = helmCanary('metrics.csv')
        config.analysis = [config: 'slow-slo.yaml', metrics: examplePath('metrics.csv')]
        config.slowRetries = 2
        String message = failure { h.bellwether.progressiveDelivery(config) }

        assert h.stages() == ['Decide', 'Deploy canary', 'Analyze 10%', 'Rollback']
        assert h.cliScripts().findAll { it.contains("'analyze'") }.collect { (it =~ /> '(.*)'$/)[0][1] } ==
            ['.bellwether/verdict-10.json', '.bellwether/verdict-10-2.json', '.bellwether/verdict-10-3.json']
        assert h.callsOf('sleep').size() == 3
        assert message.startsWith('bellwether: rolled back at 10%: still slow after 3 analyses: slow: no decision after 10 of 10 windows')
    }

    void testRollingOnKubernetesIsAnalysedOnceAfterTheRollout() {
        PipelineHarness h = harness()
        h.file('rolling.yaml').text = 'kind: policy\nstrategies:\n  - {below: 101, strategy: rolling, steps: [25, 50, 75, 100], pause: 2m}\n'
        Map config = helmCanary('metrics.csv') + [policy: 'rolling.yaml']
        Map result = h.bellwether.progressiveDelivery(config)

        assert h.stages() == ['Decide', 'Deploy rolling', 'Analyze 100%', 'Promote']
        assert h.deployCommands() == [['helm', 'upgrade', '--install', 'checkout', 'charts/checkout'] + HELM_TAIL]
        assert h.callsOf('sleep')*.args == [[time: 120, unit: 'SECONDS']]
        assert result.action == 'promote'
    }

    void testRollingOnAnIisFarmFollowsThePaceBatchByBatch() {
        PipelineHarness h = harness()
        h.file('rolling.yaml').text = 'kind: policy\nstrategies:\n  - {below: 101, strategy: rolling, steps: [25, 50, 75, 100], pause: 2m}\n'
        Map result = h.bellwether.progressiveDelivery(
            changes: examplePath('changes.json'), policy: 'rolling.yaml', at: AT, waitForPause: false,
            target: 'iis', site: 'Checkout', farm: 'checkout-farm', package: 'checkout-1.4.2.zip', servers: ['web1', 'web2', 'web3', 'web4'],
            analysis: [config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv')])

        assert h.stages() == ['Decide', 'Deploy rolling', 'Analyze 25%', 'Analyze 50%', 'Analyze 75%', 'Promote']
        assert h.callsOf('powershell')*.args*.script.collect { (it =~ /-Servers (@\([^)]*\))/)[0][1] } ==
            ["@('web1')", "@('web2')", "@('web3')", "@('web4')"]
        assert h.callsOf('sleep').isEmpty()
        assert result.steps*.weight == [25, 50, 75]
    }

    void testBlueGreenOnIisSwitchesSoaksAndRetiresTheOldSite() {
        PipelineHarness h = harness()
        h.file('bluegreen.yaml').text = 'kind: policy\nstrategies:\n  - {below: 101, strategy: bluegreen, soak: 30m}\n'
        Map result = h.bellwether.progressiveDelivery(
            changes: examplePath('changes.json'), policy: 'bluegreen.yaml', at: AT,
            target: 'iis', site: 'Checkout', activeColor: 'blue', binding: '*:443:checkout.example.com', package: 'checkout.zip',
            analysis: [config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv')])

        assert h.stages() == ['Decide', 'Deploy bluegreen', 'Analyze 100%', 'Promote']
        assert h.callsOf('powershell')*.args*.label == ['IIS: Checkout-green gets the package, then the https binding', 'IIS: stop Checkout-blue']
        assert h.callsOf('sleep')*.args == [[time: 1800, unit: 'SECONDS']]
        assert result.action == 'promote' && h.env.PACE == '100'
    }

    void testABlockedGateStopsBeforeAnythingIsDeployed() {
        PipelineHarness h = harness()
        h.file('budget.yaml').text = 'kind: policy\ngates:\n  error_budget: {min_remaining: 0.7}\n'
        String message = failure { h.bellwether.progressiveDelivery(helmCanary('metrics.csv') + [policy: 'budget.yaml']) }
        assert message == 'bellwether.decide: the deploy is blocked by gate error_budget: remaining error budget 0.62 < minimum 0.7'
        assert h.stages() == ['Decide']
        assert h.deployScripts().isEmpty()
    }

    void testTheOutcomeGoesToChatAndToTheHistoryWithoutTheWebhookSecret() {
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
            String secret = 'secretSlackToken9f8e7d'
            PipelineHarness h = harness {
                it.credentials['slack-webhook'] = "http://127.0.0.1:${portFile.text.trim()}/services/T0000/B0000/${secret}".toString()
            }
            Map config = helmCanary('metrics-regression.csv') + [notify: [to: 'slack', credentialsId: 'slack-webhook'], history: 'history.csv']
            failure { h.bellwether.progressiveDelivery(config) }

            List<Map> posts = new File(sinkDir, 'requests.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
            assert posts.size() == 1
            assert posts[0].path == "/services/T0000/B0000/${secret}".toString()
            assert posts[0].body.contains('rollback') && posts[0].body.contains(h.env.BUILD_URL)
            List<String> notifyWords = PipelineHarness.wordsOf(h.cliScripts().find { it.contains("'notify'") })
            assert notifyWords == [cli, 'notify', '--to', 'slack', '--url-env', 'BELLWETHER_WEBHOOK_URL', '--event', '.bellwether/verdict-10.json',
                                   '--build-url', h.env.BUILD_URL]
            assert h.callsOf('withCredentials')[0].args.bindings == [[type: 'string', credentialsId: 'slack-webhook', variable: 'BELLWETHER_WEBHOOK_URL']]
            assert !h.calls.toString().contains(secret) && !h.log.toString().contains(secret)

            List<String> history = h.file('history.csv').readLines()
            assert history.size() == 2 && history[0].contains('rollback') && history[1].split(',').toList().contains('1')
        } finally {
            sink.destroy()
            sink.waitFor()
            sinkDir.deleteDir()
        }
    }

    void testAChatOutageOrAnUnwritableHistoryDoesNotFailThePromotion() {
        PipelineHarness h = harness { it.credentials['slack-webhook'] = 'http://127.0.0.1:9/services/T/B/secretToken' }
        Map config = helmCanary('metrics.csv') + [notify: [to: 'slack', credentialsId: 'slack-webhook'], waitForPause: false,
                                                  history: 'no-such-directory/history.csv']
        Map result = h.bellwether.progressiveDelivery(config)
        assert result.action == 'promote'
        assert h.log.any { it.startsWith('bellwether notify to slack failed (exit 4') && it.endsWith('the deploy goes on') }
        assert h.log.any { it.startsWith('bellwether record into no-such-directory/history.csv failed (exit 4') }
        assert !h.log.toString().contains('secretToken')
    }

    void testThePluginRunsTheSameLoop() {
        PipelineHarness h = harness {
            it.plugin = true
            it.env.BELLWETHER_ENGINE = 'plugin'
        }
        Map config = helmCanary('metrics.csv') + [notify: [to: 'teams', credentialsId: 'teams-webhook'], waitForPause: false]
        Map result = h.bellwether.progressiveDelivery(config)

        assert result.action == 'promote'
        assert h.stages() == ['Decide', 'Deploy canary', 'Analyze 10%', 'Analyze 25%', 'Analyze 50%', 'Promote']
        assert h.callsOf('bellwetherDecide').size() == 1 && h.callsOf('bellwetherAnalyze').size() == 3
        assert h.callsOf('bellwetherNotify')*.args == [[to: 'teams', credentialsId: 'teams-webhook', event: '.bellwether/verdict-50.json']]
        assert h.cliScripts().isEmpty()
        assert h.deployCommands().size() == 5
    }

    void testLoopSettingsAreValidatedBeforeAnythingRuns() {
        PipelineHarness h = harness()
        assert failure { h.bellwether.progressiveDelivery(helmCanary('metrics.csv') + [analysis: [:]]) } ==
            'bellwether.progressiveDelivery: analysis.config: a path is required'
        assert h.calls.findAll { it.step in ['sh', 'stage'] }.isEmpty()
    }

    void testTheClosureFormReadsTheJenkinsfilesOwnVariables() {
        PipelineHarness h = harness { it.env.IMAGE_TAG = '2.0.1' }
        Map result = (Map) h.runScript('''
            bellwether.progressiveDelivery {
                changes = examples + '/changes.json'
                at = '2026-11-24T14:00:00Z'
                target = 'k8s'
                tool = 'helm'
                namespace = 'shop'
                release = 'checkout'
                chart = 'charts/checkout'
                tag = env.IMAGE_TAG
                waitForPause = false
                analysis = [config: examples + '/slo.yaml', metrics: examples + '/metrics.csv']
            }''', [examples: example('').path])
        assert result.action == 'promote'
        assert h.deployCommands()[0].contains('image.tag=2.0.1')
    }

    void testAMisspeltSettingIsNamedInsteadOfIgnored() {
        PipelineHarness h = harness()
        String message = failure { h.bellwether.progressiveDelivery(helmCanary('metrics.csv') + [namepsace: 'shop', slowRetry: 1]) }
        assert message.startsWith('bellwether.progressiveDelivery: unknown settings namepsace, slowRetry; known: activeColor, analysis, approvers, at, binding, ')
        assert h.calls.findAll { it.step in ['sh', 'stage'] }.isEmpty()
    }
}
