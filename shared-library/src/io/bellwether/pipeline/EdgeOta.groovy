package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * ARM/edge device cohorts through the team's own OTA tool. Each action is a command template,
 * a list of words with placeholders ({fleet}, {version}, {weight}, {previousWeight}, {cohort},
 * {strategy}, {action}) that are replaced inside each word, so every value stays one argument:
 *   ota: [deploy:   ['ota-cli', 'rollout', '--fleet', '{fleet}', '--version', '{version}', '--percent', '{weight}'],
 *         promote:  ['ota-cli', 'rollout', '--fleet', '{fleet}', '--version', '{version}', '--percent', '100'],
 *         rollback: ['ota-cli', 'revert', '--fleet', '{fleet}', '--version', '{version}']]
 */
class EdgeOta implements Serializable {
    private static final long serialVersionUID = 1L

    static final List<String> PLACEHOLDERS = ['fleet', 'version', 'weight', 'previousWeight', 'cohort', 'strategy', 'action']

    final Map args
    final String fleet
    final String version

    EdgeOta(Map args) {
        this.args = args
        this.fleet = ArgumentRules.otaValue('fleet', args.fleet)
        this.version = ArgumentRules.otaValue('version', args.version ?: args.tag)
    }

    @NonCPS
    List<Command> deploy(DeployRequest request) {
        return [fromTemplate('deploy', request, request.weight, "OTA: ${fleet} ${version} to ${request.weight}% of devices")]
    }

    @NonCPS
    List<Command> promote(DeployRequest request) {
        return [fromTemplate('promote', request, 100, "OTA: ${fleet} ${version} to every device")]
    }

    @NonCPS
    List<Command> rollback(DeployRequest request) {
        return [fromTemplate('rollback', request, 0, "OTA: ${fleet} back from ${version}")]
    }

    @NonCPS
    private Command fromTemplate(String action, DeployRequest request, int weight, String label) {
        Object template = ((Map) (args.ota ?: [:]))[action]
        if (!(template instanceof List) || ((List) template).isEmpty()) {
            throw new InvalidArgument("ota.${action}: required for the edge target: the OTA command as a list of words, e.g. ['ota-cli', 'rollout', '--percent', '{weight}']")
        }
        Map<String, String> values = [fleet: fleet, version: version, weight: weight.toString(),
                                      previousWeight: request.previousWeight.toString(), strategy: request.strategy, action: action]
        if (args.cohort) {
            values.cohort = ArgumentRules.otaValue('cohort', args.cohort)
        }
        List<String> argv = []
        for (Object word : (List) template) {
            argv.add(substitute(action, word == null ? '' : word.toString(), values))
        }
        ArgumentRules.path("ota.${action}[0] (the program)", argv[0])
        return Command.shell(label, argv)
    }

    @NonCPS
    private static String substitute(String action, String word, Map<String, String> values) {
        return word.replaceAll(/\{([A-Za-z]+)\}/) { List<String> match ->
            String name = match[1]
            if (!PLACEHOLDERS.contains(name)) {
                throw new InvalidArgument("ota.${action}: unknown placeholder {${name}}; known: ${PLACEHOLDERS.collect { '{' + it + '}' }.join(' ')}")
            }
            if (!values.containsKey(name)) {
                throw new InvalidArgument("ota.${action}: {${name}} is used but no ${name} was given")
            }
            return values[name]
        }
    }
}
