package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/**
 * The blue/green switch of a Kubernetes Service: its selector moves to the other colour's pods.
 * Shared by the Helm and kubectl targets, which deploy the colours differently but switch alike.
 */
class KubernetesService implements Serializable {
    private static final long serialVersionUID = 1L

    @NonCPS
    static Command switchTo(Map args, String namespace, String color) {
        String service = ArgumentRules.kubernetesName('service', args.service)
        String label = args.colorLabel ? ArgumentRules.labelKey(args.colorLabel) : 'color'
        String patch = JsonOutput.toJson([spec: [selector: [(label): color]]])
        return Command.shell("Service ${service} to ${color}",
                             ['kubectl', 'patch', 'service', service, '--namespace', namespace, '--type', 'merge', '--patch', patch])
    }
}
