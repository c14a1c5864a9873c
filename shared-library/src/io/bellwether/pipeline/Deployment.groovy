package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * bellwether.deploy / promote / rollback: plans the target's commands for the strategy and
 * runs them. The current exposure is kept in env.BELLWETHER_WEIGHT, so a second deploy call
 * moves an existing canary to the next weight instead of starting it again.
 */
class Deployment implements Serializable {
    private static final long serialVersionUID = 1L

    final def steps
    final CommandRunner runner
    final String scriptDirectory

    Deployment(steps, String scriptDirectory) {
        this.steps = steps
        this.scriptDirectory = scriptDirectory
        this.runner = new CommandRunner(steps, scriptDirectory)
    }

    Map deploy(Map args) {
        String strategy = strategyOf(args)
        List<Integer> pace = paceOf(args)
        int weight = DeployTargets.followsPace(args, strategy) ? ArgumentRules.weight(args.weight != null ? args.weight : pace[0]) : 100
        DeployRequest request = new DeployRequest(strategy, weight, previousWeight(), pace)
        List<Command> plan = DeployTargets.plannerFor(args, scriptDirectory).deploy(request)
        runner.run(plan)
        steps.env.BELLWETHER_WEIGHT = weight.toString()
        return [strategy: strategy, weight: weight, commands: describe(plan)]
    }

    Map promote(Map args) {
        String strategy = strategyOf(args)
        DeployRequest request = new DeployRequest(strategy, 100, previousWeight(), paceOf(args))
        List<Command> plan = DeployTargets.plannerFor(args, scriptDirectory).promote(request)
        if (plan.isEmpty()) {
            steps.echo("bellwether.promote: ${strategy} on ${args.target} is complete once deployed; nothing more to run")
        }
        runner.run(plan)
        steps.env.BELLWETHER_WEIGHT = '100'
        return [strategy: strategy, weight: 100, commands: describe(plan)]
    }

    Map rollback(Map args) {
        String strategy = strategyOf(args)
        DeployRequest request = new DeployRequest(strategy, 0, previousWeight(), paceOf(args))
        List<Command> plan = DeployTargets.plannerFor(args, scriptDirectory).rollback(request)
        runner.run(plan)
        steps.env.BELLWETHER_WEIGHT = '0'
        return [strategy: strategy, weight: 0, commands: describe(plan)]
    }

    private String strategyOf(Map args) {
        Object strategy = args.strategy ?: steps.env.DEPLOY_STRATEGY
        if (!strategy) {
            throw new InvalidArgument('strategy: required (canary, rolling or bluegreen); bellwether.decide sets env.DEPLOY_STRATEGY')
        }
        return ArgumentRules.strategy(strategy)
    }

    private List<Integer> paceOf(Map args) {
        Object listed = args.steps ?: steps.env.PACE
        return parsePace(listed)
    }

    private int previousWeight() {
        Object recorded = steps.env.BELLWETHER_WEIGHT
        return recorded ? ArgumentRules.weight(recorded) : 0
    }

    /** Steps as a list, or as env.PACE holds them ("10,25,50,100"); 100 when none are known. */
    @NonCPS
    static List<Integer> parsePace(Object listed) {
        List raw = listed instanceof List ? (List) listed : (listed ? listed.toString().split(',').toList() : [100])
        List<Integer> weights = []
        for (Object step : raw) {
            weights.add(ArgumentRules.weight(step))
        }
        return weights
    }

    @NonCPS
    private static List<String> describe(List<Command> plan) {
        return plan.collect { it.toString() }
    }
}
