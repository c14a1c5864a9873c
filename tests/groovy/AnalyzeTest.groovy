/** bellwether.analyze with the real CLI on the example canaries: verdicts, reports, evidence, failOn, the plugin path. */
class AnalyzeTest extends PipelineTestCase {

    void testAHealthyCanaryPromotesAndItsEvidenceIsArchived() {
        PipelineHarness h = harness()
        Map verdict = h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv'))

        assert verdict.action == 'promote'
        assert verdict.metrics*.name.sort() == ['cpu_usage', 'error_rate', 'p95_latency']
        assert h.cliScripts() == ["'${cli}' 'analyze' '--config' '${examplePath('slo.yaml')}' '--metrics' '${examplePath('metrics.csv')}' " +
                                  "'--report' '.bellwether/report.html' > '.bellwether/verdict.json'".toString()]
        assert h.callsOf('archiveArtifacts')*.args*.files == [['.bellwether/report.html', '.bellwether/verdict.json']]
        assert h.file('.bellwether/report.html').text.contains('<svg')
        assert h.env.BELLWETHER_VERDICT == 'promote'
        assert h.log.any { it.startsWith('Bellwether: promote (score ') }
    }

    void testARegressedCanaryGetsARollbackVerdictNamingTheMetric() {
        PipelineHarness h = harness()
        Map verdict = h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics-regression.csv'), name: '10')

        assert verdict.action == 'rollback'
        assert verdict.reason.startsWith('rollback: critical metric error_rate failed')
        assert h.callsOf('archiveArtifacts')*.args*.files == [['.bellwether/report-10.html', '.bellwether/verdict-10.json']]
        assert h.env.BELLWETHER_VERDICT == 'rollback'
        assert h.callsOf('error').isEmpty()
    }

    void testFailOnFailsAfterTheEvidenceIsArchived() {
        PipelineHarness h = harness()
        String message = failure {
            h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics-regression.csv'), failOn: 'rollback')
        }
        assert message.startsWith('bellwether.analyze: verdict rollback: rollback: critical metric error_rate failed')
        assert h.callsOf('archiveArtifacts').size() == 1
        // failOn: slow does not fail a promote.
        assert h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv'), failOn: 'slow').action == 'promote'
        assert failure { h.bellwether.analyze(config: examplePath('slo.yaml'), failOn: 'never') } ==
            'bellwether.analyze: failOn: "never" is not valid: expected slow or rollback'
    }

    void testTheDecisionGoesIntoTheReportWhenThereIsOne() {
        PipelineHarness h = harness()
        h.bellwether.decide(changes: examplePath('changes.json'), at: '2026-11-24T14:00:00Z')
        h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv'))
        assert h.cliScripts()[1].endsWith("'--report' '.bellwether/report.html' '--decision' '.bellwether/decision.json' > '.bellwether/verdict.json'")
        assert h.file('.bellwether/report.html').text.contains('churn')
    }

    void testHostileQueryVariablesReachTheCliAsLiteralWords() {
        PipelineHarness h = harness()
        Map verdict = h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv'),
                                           vars: [service: "checkout'; touch PWNED1 #", region: '$(touch PWNED2)`touch PWNED3`', zone: 'a\nb'])
        assert verdict.action == 'promote'
        assert !h.file('PWNED1').exists() && !h.file('PWNED2').exists() && !h.file('PWNED3').exists()
        List<String> words = PipelineHarness.wordsOf(h.cliScripts()[0].replace(" > '.bellwether/verdict.json'", ''))
        assert words[6..11] == ['--var', 'region=$(touch PWNED2)`touch PWNED3`', '--var', "service=checkout'; touch PWNED1 #", '--var', 'zone=a\nb']
        assert failure { h.bellwether.analyze(config: examplePath('slo.yaml'), vars: ['bad name': 'x']) } ==
            'bellwether.analyze: vars name: "bad name" is not valid: expected a name of letters, digits and _'
    }

    void testTimeRangesAreValidated() {
        PipelineHarness h = harness()
        h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv'), since: '1763900000', until: '2025-11-23T12:33:20Z')
        assert h.cliScripts()[0].contains("'--since' '1763900000' '--until' '2025-11-23T12:33:20Z'")
        assert failure { h.bellwether.analyze(config: examplePath('slo.yaml'), since: 'yesterday; id') }.startsWith('bellwether.analyze: since: "yesterday; id" is not valid')
        assert failure { h.bellwether.analyze(metrics: examplePath('metrics.csv')) } == 'bellwether.analyze: config: a path is required'
    }

    void testThePluginStepAnswersTheSameVerdict() {
        PipelineHarness h = harness {
            it.plugin = true
            it.env.BELLWETHER_ENGINE = 'plugin'
        }
        Map verdict = h.bellwether.analyze(config: examplePath('slo.yaml'), metrics: examplePath('metrics-regression.csv'), name: '25')
        assert h.callsOf('bellwetherAnalyze')*.args == [[config: examplePath('slo.yaml'), metrics: examplePath('metrics-regression.csv'),
                                                         report: '.bellwether/report-25.html']]
        assert h.callsOf('sh').isEmpty()
        assert verdict.action == 'rollback'
        assert new groovy.json.JsonSlurper().parse(h.file('.bellwether/verdict-25.json')).action == 'rollback'
        assert h.callsOf('archiveArtifacts')*.args*.files == [['.bellwether/report-25.html', '.bellwether/verdict-25.json']]
    }
}
