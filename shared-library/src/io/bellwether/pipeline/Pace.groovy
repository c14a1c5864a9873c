package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The pace of a Decision: traffic steps in percent and the pause between them (or the soak of
 * a blue/green switch), read from `decision.pace`.
 */
class Pace implements Serializable {
    private static final long serialVersionUID = 1L

    final List<Integer> steps
    final String pause

    Pace(List<Integer> steps, String pause) {
        this.steps = steps
        this.pause = pause
    }

    @NonCPS
    static Pace of(Map decision) {
        Map pace = (Map) (decision?.pace ?: [:])
        List<Integer> steps = []
        for (Object step : (List) (pace.steps ?: [100])) {
            steps.add(ArgumentRules.weight(step))
        }
        Object wait = pace.pause ?: pace.soak
        return new Pace(steps, wait ? ArgumentRules.duration('pace.pause', wait) : null)
    }

    /** The weights analysed before the promotion; 100% is the promotion itself. */
    @NonCPS
    List<Integer> analysedSteps() {
        List<Integer> below = steps.findAll { it < 100 }
        return below.isEmpty() ? [100] : below
    }

    @NonCPS
    int pauseSeconds() {
        if (!pause) {
            return 0
        }
        long seconds = 0
        def matcher = pause =~ /([0-9]+)(ms|s|m|h)/
        while (matcher.find()) {
            long amount = Long.parseLong(matcher.group(1))
            String unit = matcher.group(2)
            seconds += unit == 'h' ? amount * 3600 : unit == 'm' ? amount * 60 : unit == 's' ? amount : (amount + 999).intdiv(1000)
        }
        return (int) seconds
    }

    /** As set in env.PACE: "10,25,50,100". */
    @NonCPS
    String toString() {
        return steps.join(',')
    }
}
