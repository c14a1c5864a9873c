package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * bellwether.decide: features from git when given a range, the decision, the environment
 * (DEPLOY_STRATEGY, RISK_SCORE, PACE), the evidence, then the gates (a blocking gate fails the
 * build with its reason) and the approval (`input`) when the risk asks for a person.
 */
class DecideStep implements Serializable {
    private static final long serialVersionUID = 1L

    final def steps
    final BellwetherEngine engine

    DecideStep(steps, BellwetherEngine engine) {
        this.steps = steps
        this.engine = engine
    }

    Map call(Map args) {
        if (args.changes && args.gitRange) {
            throw new InvalidArgument('give either changes (a changes.json) or gitRange (A..B), not both')
        }
        engine.evidence.prepare(steps)
        String changes
        if (args.gitRange) {
            changes = engine.features(args.gitRange.toString(), args.repo ? args.repo.toString() : null)
            if (args.facts) {
                changes = addFacts(changes, (Map) args.facts)
            }
        } else {
            changes = ArgumentRules.path('changes', args.changes ?: 'changes.json')
        }
        Map decision = engine.decide([changes: changes, policy: args.policy, model: args.model, at: args.at])
        Pace pace = Pace.of(decision)
        steps.env.DEPLOY_STRATEGY = decision.strategy.toString()
        steps.env.RISK_SCORE = formatScore(decision.risk_score)
        steps.env.PACE = pace.toString()
        steps.env.PACE_PAUSE = pace.pause ?: ''
        steps.env.BELLWETHER_CHANGES = changes
        steps.archiveArtifacts(artifacts: engine.evidence.decision(), fingerprint: false)
        steps.echo(summary(decision, pace))

        String blocked = blockingReasons(decision)
        if (blocked) {
            steps.error("bellwether.decide: the deploy is blocked by ${blocked}")
        }
        if (decision.approval_required) {
            Map approval = [message: approvalMessage(decision, pace), ok: 'Deploy', id: 'BellwetherApproval']
            if (args.approvers) {
                approval.submitter = args.approvers.toString()
            }
            steps.input(approval)
        }
        return decision
    }

    /**
     * What git cannot know (criticality, qps, coverage_delta, error_budget_remaining …) added
     * to the computed features, as README's `features` section asks.
     */
    private String addFacts(String changes, Map facts) {
        Map features = BellwetherEngine.plainCopy(steps.readJSON(file: changes))
        features.putAll(facts)
        steps.writeFile(file: changes, text: groovy.json.JsonOutput.toJson(features))
        return changes
    }

    @NonCPS
    static String formatScore(Object score) {
        BigDecimal value = new BigDecimal(score.toString())
        return value.setScale(2, BigDecimal.ROUND_HALF_UP).stripTrailingZeros().toPlainString()
    }

    @NonCPS
    static String blockingReasons(Map decision) {
        List<String> reasons = []
        for (Object gate : (List) (decision.gates ?: [])) {
            Map g = (Map) gate
            if (g.allowed == false) {
                reasons.add("gate ${g.name}: ${g.reason}")
            }
        }
        if (reasons.isEmpty() && decision.allowed == false) {
            reasons.add('a gate (the decision says allowed: false)')
        }
        return reasons.join('; ')
    }

    @NonCPS
    static String summary(Map decision, Pace pace) {
        return "Bellwether: risk ${formatScore(decision.risk_score)} -> ${decision.strategy} ${pace}" +
            (pace.pause ? " (pause ${pace.pause})" : '') + (decision.approval_required ? ', approval required' : '')
    }

    @NonCPS
    static String approvalMessage(Map decision, Pace pace) {
        List<String> top = []
        List reasons = ((List) (decision.reasons ?: [])).findAll { it.contribution != null }
        reasons.sort { a, b -> Double.compare((b.contribution as double), (a.contribution as double)) }
        for (Object reason : reasons.take(3)) {
            top.add("${reason.factor} ${formatScore(reason.contribution)}")
        }
        return "Risk ${formatScore(decision.risk_score)} needs approval: ${decision.strategy} ${pace}" +
            (top ? " (top factors: ${top.join(', ')})" : '') + '. Deploy?'
    }
}
