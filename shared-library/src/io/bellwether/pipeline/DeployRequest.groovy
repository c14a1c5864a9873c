package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * What one deploy, promote or rollback call asks of a target: the strategy, the share of
 * traffic (or of the fleet) the candidate should have now, the share it had before this call
 * (0 when nothing is deployed yet) and the pace's steps.
 */
class DeployRequest implements Serializable {
    private static final long serialVersionUID = 1L

    final String strategy
    final int weight
    final int previousWeight
    final List<Integer> steps

    DeployRequest(String strategy, int weight, int previousWeight, List<Integer> steps) {
        this.strategy = ArgumentRules.strategy(strategy)
        this.weight = weight
        this.previousWeight = previousWeight
        this.steps = steps ?: [weight]
    }

    @NonCPS
    boolean isFirstExposure() {
        return previousWeight == 0
    }

    @NonCPS
    static String otherColor(String color) {
        return color == 'blue' ? 'green' : 'blue'
    }

    /** The colour live now in a blue/green deploy, as the caller states it (never guessed). */
    @NonCPS
    static String activeColor(Map args) {
        return ArgumentRules.color('activeColor', args.activeColor)
    }

    @NonCPS
    static String idleColor(Map args) {
        return otherColor(activeColor(args))
    }
}
