package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/**
 * bellwether.progressiveDelivery: Decide → Deploy <strategy> → Analyze <weight>% per step of
 * the pace → Promote or Rollback, one stage each so Blue Ocean and Pipeline Graph View tell
 * the story. A slow verdict holds the weight and analyses again (up to slowRetries times); a
 * verdict that stays slow rolls back, since missing data must never promote. The decision,
 * every verdict and report and a summary are archived, and the build description says what
 * happened. A rollback fails the build after the evidence is published.
 */
class ProgressiveDelivery implements Serializable {
    private static final long serialVersionUID = 1L

    /** The loop's own settings; the decide settings; everything else goes to the deploy target. */
    static final List<String> LOOP_SETTINGS = ['analysis', 'slowRetries', 'waitForPause', 'history', 'notify', 'strategy', 'evidenceDir']
    static final List<String> DECIDE_SETTINGS = ['changes', 'gitRange', 'repo', 'facts', 'policy', 'model', 'at', 'approvers']
    static final List<String> DEPLOY_SETTINGS = [
        'target', 'tool', 'namespace', 'release', 'chart', 'chartVersion', 'valuesFiles', 'set', 'image', 'tag', 'imageKey', 'tagKey',
        'weightKey', 'canaryKey', 'colorKey', 'colorLabel', 'service', 'activeColor', 'timeout', 'deployment', 'container', 'replicas',
        'rollout', 'site', 'binding', 'protocol', 'package', 'previousPackage', 'farm', 'stableServer', 'canaryServer', 'servers',
        'drainSeconds', 'fleet', 'version', 'cohort', 'ota']

    final def steps
    final DecideStep decider
    final Deployment deployment
    final AnalyzeStep analysis
    final BellwetherEngine engine

    Map decision
    List<Map> outcomes = []

    ProgressiveDelivery(steps, BellwetherEngine engine, Deployment deployment) {
        this.steps = steps
        this.engine = engine
        this.deployment = deployment
        this.decider = new DecideStep(steps, engine)
        this.analysis = new AnalyzeStep(steps, engine)
    }

    Map run(Map config) {
        checkSettingNames(config)
        Map analysisArgs = (Map) (config.analysis ?: [:])
        ArgumentRules.path('analysis.config', analysisArgs.config)
        int slowRetries = config.slowRetries != null ? ArgumentRules.weight(config.slowRetries) : 2
        Map deployArgs = deployArguments(config)

        steps.stage('Decide') {
            decision = decider.call(decideArguments(config))
        }
        Pace pace = Pace.of(decision)
        String strategy = config.strategy ? ArgumentRules.strategy(config.strategy) : decision.strategy.toString()
        deployArgs.strategy = strategy
        deployArgs.steps = pace.steps
        List<Integer> weights = DeployTargets.followsPace(deployArgs, strategy) ? pace.analysedSteps() : [100]

        steps.stage("Deploy ${strategy}") {
            deployment.deploy(deployArgs + [weight: weights[0]])
        }

        String action = 'promote'
        Map deciding = null
        for (int i = 0; i < weights.size() && action == 'promote'; i++) {
            int weight = weights[i]
            steps.stage("Analyze ${weight}%") {
                if (i > 0) {
                    deployment.deploy(deployArgs + [weight: weight])
                }
                int attempt = 1
                Map verdict = analyseAt(weight, attempt, analysisArgs, pace, config)
                while (verdict.action == 'slow' && attempt <= slowRetries) {
                    attempt++
                    verdict = analyseAt(weight, attempt, analysisArgs, pace, config)
                }
                outcomes << [weight: weight, action: verdict.action, reason: verdict.reason, attempts: attempt,
                             verdict: engine.evidence.verdict(nameAt(weight, attempt))]
                deciding = verdict
                action = verdict.action == 'promote' ? 'promote' : 'rollback'
            }
        }

        if (action == 'promote') {
            steps.stage('Promote') {
                deployment.promote(deployArgs)
            }
        } else {
            steps.stage('Rollback') {
                deployment.rollback(deployArgs)
            }
        }
        Map result = [action: action, strategy: strategy, risk_score: decision.risk_score, pace: pace.steps,
                      steps: outcomes, reason: deciding?.reason]
        publish(config, result)
        if (action == 'rollback') {
            Map last = outcomes[-1]
            steps.error("bellwether: rolled back at ${last.weight}%: ${last.action == 'slow' ? 'still slow after ' + last.attempts + ' analyses: ' : ''}${last.reason}")
        }
        return result
    }

    private Map analyseAt(int weight, int attempt, Map analysisArgs, Pace pace, Map config) {
        if (config.waitForPause != false && !analysisArgs.watch && pace.pauseSeconds() > 0) {
            steps.sleep(time: pace.pauseSeconds(), unit: 'SECONDS')
        }
        return analysis.call(analysisArgs + [name: nameAt(weight, attempt)])
    }

    private void publish(Map config, Map result) {
        steps.writeFile(file: engine.evidence.summary(), text: JsonOutput.prettyPrint(JsonOutput.toJson(result)))
        steps.archiveArtifacts(artifacts: engine.evidence.everything(), fingerprint: false)
        steps.currentBuild.description = description(result)
        if (config.history && result.action in ['promote', 'rollback'] && outcomes) {
            engine.record(steps.env.BELLWETHER_CHANGES.toString(), outcomes[-1].verdict.toString(), ArgumentRules.path('history', config.history))
        }
        if (config.notify) {
            Map chat = (Map) config.notify
            engine.notify(chat + [event: outcomes ? outcomes[-1].verdict : engine.evidence.decision(),
                                  buildUrl: chat.buildUrl ?: steps.env.BUILD_URL])
        }
    }

    @NonCPS
    private static String nameAt(int weight, int attempt) {
        return attempt > 1 ? "${weight}-${attempt}" : weight.toString()
    }

    /** A misspelt setting would otherwise be ignored silently and a default used instead. */
    @NonCPS
    static void checkSettingNames(Map config) {
        List<String> known = LOOP_SETTINGS + DECIDE_SETTINGS + DEPLOY_SETTINGS
        List<String> unknown = config.keySet().collect { it.toString() }.findAll { !known.contains(it) }
        if (unknown) {
            throw new InvalidArgument("unknown setting${unknown.size() > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${known.sort().join(', ')}")
        }
    }

    @NonCPS
    private static Map decideArguments(Map config) {
        Map args = [:]
        for (String key : DECIDE_SETTINGS) {
            if (config[key] != null) {
                args[key] = config[key]
            }
        }
        return args
    }

    /** Everything but the loop's own settings goes to the deploy target. */
    @NonCPS
    private static Map deployArguments(Map config) {
        Map args = [:]
        for (Map.Entry entry : config.entrySet()) {
            if (!(entry.key in DECIDE_SETTINGS) && !(entry.key in LOOP_SETTINGS)) {
                args[entry.key] = entry.value
            }
        }
        return args
    }

    /**
     * Plain text, not escaped here: Jenkins renders descriptions through the configured markup
     * formatter (the default escapes everything, Safe HTML sanitizes).
     */
    @NonCPS
    static String description(Map result) {
        String risk = DecideStep.formatScore(result.risk_score)
        String path = ((List) result.steps).collect { "${it.weight}% ${it.action}" }.join(', ')
        String verb = result.action == 'promote' ? 'promoted' : 'rolled back'
        String text = "${verb}: ${result.strategy} ${((List) result.pace).join('/')}, risk ${risk}; ${path}"
        if (result.action != 'promote' && result.reason) {
            text += " - ${result.reason}"
        }
        return text.length() > 500 ? text.substring(0, 497) + '...' : text
    }
}
