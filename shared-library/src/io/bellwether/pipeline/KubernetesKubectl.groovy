package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Kubernetes with plain kubectl on Deployments. Canary: a Deployment `<deployment>-canary`
 * behind the same Service; the weight is its share of `replicas` pods (the stable Deployment
 * gives up as many). Rolling: `kubectl set image` and the Deployment's own rolling update;
 * rollback is `kubectl rollout undo`. Blue/green: Deployments `<deployment>-blue` and
 * `<deployment>-green`, switched by patching the Service's selector.
 */
class KubernetesKubectl implements Serializable {
    private static final long serialVersionUID = 1L

    final Map args
    final String namespace
    final String deployment
    final String container
    final String image

    KubernetesKubectl(Map args) {
        this.args = args
        this.namespace = ArgumentRules.namespace(args.namespace)
        this.deployment = ArgumentRules.kubernetesName('deployment', args.deployment ?: args.release)
        this.container = ArgumentRules.containerName(args.container ?: deployment)
        this.image = ArgumentRules.imageRepository(args.image) + ':' + ArgumentRules.imageTag(args.tag)
    }

    @NonCPS
    List<Command> deploy(DeployRequest request) {
        switch (request.strategy) {
            case 'canary':
                String canary = deployment + '-canary'
                int total = ArgumentRules.positiveCount('replicas', args.replicas)
                int canaryPods = Math.max(1, (int) Math.ceil(total * request.weight / 100.0d))
                List<Command> plan = []
                if (request.firstExposure) {
                    plan << setImage(canary)
                }
                plan << scale(canary, canaryPods, "${canary} to ${request.weight}% (${canaryPods} of ${total} pods)")
                plan << rolloutStatus(canary)
                plan << scale(deployment, Math.max(0, total - canaryPods), "${deployment} to ${total - canaryPods} pods")
                return plan
            case 'rolling':
                return [setImage(deployment), rolloutStatus(deployment)]
            default:
                String idle = deployment + '-' + DeployRequest.idleColor(args)
                return [setImage(idle), rolloutStatus(idle), KubernetesService.switchTo(args, namespace, DeployRequest.idleColor(args))]
        }
    }

    @NonCPS
    List<Command> promote(DeployRequest request) {
        switch (request.strategy) {
            case 'canary':
                int total = ArgumentRules.positiveCount('replicas', args.replicas)
                return [setImage(deployment), scale(deployment, total, "${deployment} to ${total} pods"), rolloutStatus(deployment),
                        scale(deployment + '-canary', 0, "${deployment}-canary to 0 pods")]
            case 'rolling':
                return []
            default:
                String retired = deployment + '-' + DeployRequest.activeColor(args)
                return [scale(retired, 0, "${retired} to 0 pods")]
        }
    }

    @NonCPS
    List<Command> rollback(DeployRequest request) {
        switch (request.strategy) {
            case 'canary':
                int total = ArgumentRules.positiveCount('replicas', args.replicas)
                return [scale(deployment, total, "${deployment} to ${total} pods"), rolloutStatus(deployment),
                        scale(deployment + '-canary', 0, "${deployment}-canary to 0 pods")]
            case 'rolling':
                return [Command.shell("kubectl: undo ${deployment}",
                                      ['kubectl', 'rollout', 'undo', 'deployment/' + deployment, '--namespace', namespace]),
                        rolloutStatus(deployment)]
            default:
                return [KubernetesService.switchTo(args, namespace, DeployRequest.activeColor(args))]
        }
    }

    @NonCPS
    private Command setImage(String name) {
        return Command.shell("kubectl: ${name} to ${image}",
                             ['kubectl', 'set', 'image', 'deployment/' + name, container + '=' + image, '--namespace', namespace])
    }

    @NonCPS
    private Command scale(String name, int replicas, String what) {
        return Command.shell("kubectl: ${what}",
                             ['kubectl', 'scale', 'deployment/' + name, '--replicas=' + replicas, '--namespace', namespace])
    }

    @NonCPS
    private Command rolloutStatus(String name) {
        return Command.shell("kubectl: wait for ${name}",
                             ['kubectl', 'rollout', 'status', 'deployment/' + name, '--namespace', namespace,
                              '--timeout=' + ArgumentRules.duration('timeout', args.timeout ?: '10m')])
    }
}
