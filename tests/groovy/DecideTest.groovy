/** bellwether.decide with the real CLI: env values, evidence, gates, approval, git ranges, the plugin path. */
class DecideTest extends PipelineTestCase {
    static final String AT = '2026-11-24T14:00:00Z'   // a Tuesday afternoon in Berlin: outside the peak hours

    private String policy(PipelineHarness h, String name, String text) {
        h.file(name).text = text
        return name
    }

    void testDecisionSetsTheEnvironmentAndArchivesTheEvidence() {
        PipelineHarness h = harness()
        Map decision = h.bellwether.decide(changes: examplePath('changes.json'), policy: examplePath('policy.yaml'), at: AT)

        assert decision.strategy == 'canary'
        assert decision.risk_score == 38.46
        assert h.env.DEPLOY_STRATEGY == 'canary'
        assert h.env.RISK_SCORE == '38.46'
        assert h.env.PACE == '10,25,50,100'
        assert h.env.PACE_PAUSE == '5m'
        assert h.cliScripts() == ["'${cli}' 'decide' '--changes' '${examplePath('changes.json')}' '--policy' '${examplePath('policy.yaml')}' '--at' '${AT}' > '.bellwether/decision.json'".toString()]
        assert h.callsOf('archiveArtifacts')*.args*.files == [['.bellwether/decision.json']]
        assert h.file('.bellwether/decision.json').text.contains('"strategy":"canary"')
        assert h.callsOf('input').isEmpty()
        assert h.callsOf('error').isEmpty()
    }

    void testApprovalRequiredStopsForInputWithTheApprovers() {
        PipelineHarness h = harness()
        String p = policy(h, 'strict.yaml', 'kind: policy\napproval_threshold: 30\n')
        Map decision = h.bellwether.decide(changes: examplePath('changes.json'), policy: p, at: AT, approvers: 'release-managers')

        assert decision.approval_required == true
        List inputs = h.callsOf('input')
        assert inputs.size() == 1
        assert inputs[0].args.submitter == 'release-managers'
        assert inputs[0].args.ok == 'Deploy'
        assert inputs[0].args.message.startsWith('Risk 38.46 needs approval: canary 10,25,50,100 (top factors: churn 12.55, criticality 6.67, ')
        // The evidence is archived before anyone is asked.
        assert h.calls*.step.indexOf('archiveArtifacts') < h.calls*.step.indexOf('input')
    }

    void testARejectedApprovalStopsThePipeline() {
        PipelineHarness h = harness { it.approval = 'reject' }
        String p = policy(h, 'strict.yaml', 'kind: policy\napproval_threshold: 30\n')
        try {
            h.bellwether.decide(changes: examplePath('changes.json'), policy: p, at: AT)
            assert false: 'a rejected input must stop the pipeline'
        } catch (InputRejected expected) {
            assert h.callsOf('input').size() == 1
        }
    }

    void testABlockingGateFailsWithItsReasonAndAsksNobody() {
        PipelineHarness h = harness()
        String p = policy(h, 'budget.yaml', 'kind: policy\napproval_threshold: 30\ngates:\n  error_budget: {min_remaining: 0.7}\n')
        String message = failure { h.bellwether.decide(changes: examplePath('changes.json'), policy: p, at: AT) }

        assert message == 'bellwether.decide: the deploy is blocked by gate error_budget: remaining error budget 0.62 < minimum 0.7'
        assert h.callsOf('input').isEmpty()
        assert h.callsOf('archiveArtifacts').size() == 1
        assert h.env.DEPLOY_STRATEGY == 'canary'
    }

    void testAGitRangeIsTurnedIntoFeaturesWithTheFactsGitCannotKnow() {
        PipelineHarness h = harness()
        File repo = h.file('app')
        git(repo, 'init', '-q', '-b', 'main')
        new File(repo, 'src').mkdirs()
        new File(repo, 'src/Main.java').text = 'class Main {}\n'
        git(repo, 'add', '.')
        git(repo, 'commit', '-q', '-m', 'initial')
        git(repo, 'tag', 'base')
        new File(repo, 'src/Main.java').text = 'class Main {\n  int fixed = 1;\n}\n'
        new File(repo, 'README.md').text = 'docs\n'
        git(repo, 'add', '.')
        git(repo, 'commit', '-q', '-m', 'fix the crash on start')

        Map decision = h.bellwether.decide(gitRange: 'base..main', repo: 'app', at: AT,
                                           facts: [criticality: 'high', qps: 420, error_budget_remaining: 0.62])

        assert h.cliScripts()[0] == "'${cli}' 'features' '--git' 'base..main' '--repo' 'app' > '.bellwether/changes.json'".toString()
        assert h.cliScripts()[1].contains("'decide' '--changes' '.bellwether/changes.json' '--at'")
        Map changes = new groovy.json.JsonSlurper().parse(h.file('.bellwether/changes.json'))
        assert changes.nf == 2 && changes.fix == 1 && changes.criticality == 'high' && changes.qps == 420
        assert decision.reasons.find { it.factor == 'criticality' }.value == 2
        assert h.env.BELLWETHER_CHANGES == '.bellwether/changes.json'
    }

    void testAHostileGitRangeIsRefusedBeforeAnyShell() {
        PipelineHarness h = harness()
        for (String range : ["main..HEAD; rm -rf / #", 'main..$(id)', 'main..`id`', 'main..HEAD\nid', '--output=/tmp/x..HEAD']) {
            String message = failure { h.bellwether.decide(gitRange: range) }
            assert message.startsWith('bellwether.decide: gitRange: ')
            assert message.contains('is not valid: expected a git range A..B')
        }
        assert h.callsOf('sh').isEmpty()
    }

    void testAFileNameFullOfShellSyntaxReachesTheCliAsOneLiteralArgument() {
        PipelineHarness h = harness()
        String name = "chg \$(touch PWNED1) ;'q' `touch PWNED2` \"\$HOME\".json"
        h.file(name).text = example('changes.json').text
        Map decision = h.bellwether.decide(changes: name, at: AT)

        assert decision.strategy == 'canary'
        assert !h.file('PWNED1').exists() && !h.file('PWNED2').exists()
        List<String> words = PipelineHarness.wordsOf(h.cliScripts()[0].replace(" > '.bellwether/decision.json'", ''))
        assert words == [cli, 'decide', '--changes', name, '--at', AT]
    }

    void testACliErrorFailsTheStepWithTheExitMeaning() {
        PipelineHarness h = harness()
        h.file('bad-changes.json').text = '{"la": "many"}'
        String message = failure { h.bellwether.decide(changes: 'bad-changes.json', at: AT) }
        assert message == 'bellwether decide failed (exit 3: configuration or input error); see its message above'
        assert h.log.any { it.contains('la') }
    }

    void testAMissingCliSaysHowToPointAtIt() {
        PipelineHarness h = harness { it.env.BELLWETHER_CLI = '/nonexistent/bellwether' }
        String message = failure { h.bellwether.decide(changes: examplePath('changes.json'), at: AT) }
        assert message.contains('exit 127: the bellwether program was not found (set env.BELLWETHER_CLI or put it on PATH)')
    }

    void testThePluginStepIsUsedWhenThePluginIsInstalled() {
        PipelineHarness h = harness {
            it.plugin = true
            it.env.BELLWETHER_ENGINE = 'plugin'
        }
        Map decision = h.bellwether.decide(changes: examplePath('changes.json'), policy: examplePath('policy.yaml'), at: AT)

        assert h.callsOf('bellwetherDecide')*.args == [[changes: examplePath('changes.json'), policy: examplePath('policy.yaml'), at: AT]]
        assert h.callsOf('sh').isEmpty()
        assert decision.strategy == 'canary'
        assert h.env.RISK_SCORE == '38.46' && h.env.PACE == '10,25,50,100'
        assert new groovy.json.JsonSlurper().parse(h.file('.bellwether/decision.json')).risk_score == 38.46
    }

    void testAnUnknownEngineChoiceIsAnError() {
        PipelineHarness h = harness { it.env.BELLWETHER_ENGINE = 'jni' }
        assert failure { h.bellwether.decide(changes: examplePath('changes.json')) } ==
            "bellwether: env.BELLWETHER_ENGINE must be 'plugin' or 'cli', not 'jni'"
    }

    private static void git(File repo, String... words) {
        repo.mkdirs()
        Process p = new ProcessBuilder(['git', '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com'] + words.toList())
            .directory(repo).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0: "git ${words.join(' ')}: ${out}"
    }
}
