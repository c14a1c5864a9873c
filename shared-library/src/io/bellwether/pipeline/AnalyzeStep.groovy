package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * bellwether.analyze: the canary verdict (plugin step or CLI), archived with its HTML report;
 * returns the Verdict map. With failOn, a slow (or rollback) verdict fails the step after the
 * evidence is archived.
 */
class AnalyzeStep implements Serializable {
    private static final long serialVersionUID = 1L

    final def steps
    final BellwetherEngine engine

    AnalyzeStep(steps, BellwetherEngine engine) {
        this.steps = steps
        this.engine = engine
    }

    Map call(Map args) {
        ArgumentRules.path('config', args.config)
        String failOn = args.failOn ? ArgumentRules.failOn(args.failOn) : null
        engine.evidence.prepare(steps)
        String name = args.name ? args.name.toString() : null
        String verdictPath = engine.evidence.verdict(name)
        String reportPath = args.report ? ArgumentRules.path('report', args.report) : engine.evidence.report(name)
        Map request = [config: args.config, metrics: args.metrics, vars: args.vars, since: args.since, until: args.until,
                       watch: args.watch, report: reportPath, decision: args.decision ?: decisionIfPresent()]
        Map verdict = engine.analyze(request, verdictPath)
        steps.archiveArtifacts(artifacts: verdictPath + ',' + reportPath, fingerprint: false)
        steps.env.BELLWETHER_VERDICT = verdict.action.toString()
        steps.echo("Bellwether: ${verdict.action} (score ${verdict.score}): ${verdict.reason}")
        if (failOn && failsOn(failOn, verdict.action.toString())) {
            steps.error("bellwether.analyze: verdict ${verdict.action}: ${verdict.reason}")
        }
        return verdict
    }

    private String decisionIfPresent() {
        String decision = engine.evidence.decision()
        return steps.fileExists(decision) ? decision : null
    }

    @NonCPS
    static boolean failsOn(String failOn, String action) {
        return action == 'rollback' || (failOn == 'slow' && action == 'slow')
    }
}
