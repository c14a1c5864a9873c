package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Kubernetes through Helm. Canary: a second release `<release>-canary` of the same chart with
 * `canary.enabled=true` and `canary.weight=<percent>` (the chart turns these into its traffic
 * split, e.g. an NGINX canary Ingress); promote upgrades the main release and removes the
 * canary. Rolling: an upgrade of the main release; rollback is `helm rollback`. Blue/green:
 * releases `<release>-blue` / `<release>-green`, switched by patching the Service's selector.
 * Value paths are configurable for charts with other names.
 */
class KubernetesHelm implements Serializable {
    private static final long serialVersionUID = 1L

    final Map args
    final String namespace
    final String release
    final String chart
    final String tag

    KubernetesHelm(Map args) {
        this.args = args
        this.namespace = ArgumentRules.namespace(args.namespace)
        this.release = ArgumentRules.helmRelease(args.release)
        this.chart = ArgumentRules.chart(args.chart)
        this.tag = ArgumentRules.imageTag(args.tag)
    }

    @NonCPS
    List<Command> deploy(DeployRequest request) {
        switch (request.strategy) {
            case 'canary':
                return [upgrade(release + '-canary', "Helm: ${release}-canary at ${request.weight}%",
                                [(key('canaryKey', 'canary.enabled')): 'true', (key('weightKey', 'canary.weight')): request.weight.toString()])]
            case 'rolling':
                return [upgrade(release, "Helm: upgrade ${release}", [:])]
            default:
                String idle = DeployRequest.idleColor(args)
                return [upgrade(release + '-' + idle, "Helm: ${release}-${idle} (idle)", [(key('colorKey', 'color')): idle]),
                        KubernetesService.switchTo(args, namespace, idle)]
        }
    }

    @NonCPS
    List<Command> promote(DeployRequest request) {
        switch (request.strategy) {
            case 'canary':
                return [upgrade(release, "Helm: promote ${release}", [:]),
                        Command.shell("Helm: remove ${release}-canary", ['helm', 'uninstall', release + '-canary', '--namespace', namespace])]
            case 'rolling':
                return []
            default:
                String retired = DeployRequest.activeColor(args)
                return [Command.shell("Helm: retire ${release}-${retired}", ['helm', 'uninstall', release + '-' + retired, '--namespace', namespace])]
        }
    }

    @NonCPS
    List<Command> rollback(DeployRequest request) {
        switch (request.strategy) {
            case 'canary':
                return [Command.shell("Helm: remove ${release}-canary", ['helm', 'uninstall', release + '-canary', '--namespace', namespace])]
            case 'rolling':
                return [Command.shell("Helm: roll back ${release}",
                                      ['helm', 'rollback', release, '--namespace', namespace, '--wait', '--timeout', timeout()])]
            default:
                return [KubernetesService.switchTo(args, namespace, DeployRequest.activeColor(args)),
                        Command.shell("Helm: remove ${release}-${DeployRequest.idleColor(args)}", ['helm', 'uninstall', release + '-' + DeployRequest.idleColor(args), '--namespace', namespace])]
        }
    }

    @NonCPS
    private Command upgrade(String releaseName, String label, Map<String, String> strategyValues) {
        ArgumentRules.helmRelease(releaseName)
        List<String> argv = ['helm', 'upgrade', '--install', releaseName, chart, '--namespace', namespace,
                             '--wait', '--timeout', timeout()]
        if (args.chartVersion) {
            argv += ['--version', ArgumentRules.chartVersion(args.chartVersion)]
        }
        for (Object file : (List) (args.valuesFiles ?: [])) {
            argv += ['--values', ArgumentRules.path('valuesFiles', file)]
        }
        // Later --set flags win in Helm, so the user's values come first and ours last.
        Map userValues = (Map) (args.set ?: [:])
        for (Object valueKey : new TreeSet(userValues.keySet().collect { it.toString() })) {
            argv += ['--set-string', ArgumentRules.helmValueKey(valueKey) + '=' + ArgumentRules.helmValue(valueKey.toString(), userValues[valueKey])]
        }
        if (args.image) {
            argv += ['--set-string', key('imageKey', 'image.repository') + '=' + ArgumentRules.imageRepository(args.image)]
        }
        // --set-string: a tag such as 1.10 must stay a string, not become the number 1.1.
        argv += ['--set-string', key('tagKey', 'image.tag') + '=' + tag]
        for (Map.Entry<String, String> value : strategyValues.entrySet()) {
            argv += ['--set', value.key + '=' + value.value]
        }
        return Command.shell(label, argv)
    }

    @NonCPS
    private String key(String name, String fallback) {
        return args[name] ? ArgumentRules.helmValueKey(args[name]) : fallback
    }

    @NonCPS
    private String timeout() {
        return ArgumentRules.duration('timeout', args.timeout ?: '10m')
    }
}
