package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/**
 * Kubernetes with the Argo Rollouts kubectl plugin. Canary: before the new image is set, the
 * Rollout's steps are patched to the pace (setWeight, then an indefinite pause, per step), so
 * Argo holds each weight until the pipeline's analysis says to go on: `promote` moves to the
 * next weight, `promote --full` finishes, `abort` returns all traffic to the stable pods.
 * Rolling: no steps, so the new image rolls out at once. Blue/green: set image, then
 * `promote` switches the active Service; `undo` switches back.
 */
class ArgoRollouts implements Serializable {
    private static final long serialVersionUID = 1L

    final Map args
    final String namespace
    final String rollout
    final String container
    final String image

    ArgoRollouts(Map args) {
        this.args = args
        this.namespace = ArgumentRules.namespace(args.namespace)
        this.rollout = ArgumentRules.kubernetesName('rollout', args.rollout ?: args.release)
        this.container = ArgumentRules.containerName(args.container ?: rollout)
        this.image = ArgumentRules.imageRepository(args.image) + ':' + ArgumentRules.imageTag(args.tag)
    }

    @NonCPS
    List<Command> deploy(DeployRequest request) {
        switch (request.strategy) {
            case 'canary':
                if (!request.firstExposure) {
                    return [plugin("Argo: ${rollout} to ${request.weight}%", ['promote', rollout])]
                }
                List canarySteps = []
                for (Integer weight : request.steps) {
                    if (weight < 100) {
                        canarySteps << [setWeight: weight]
                        canarySteps << [pause: [:]]
                    }
                }
                return [patchSteps(canarySteps, "Argo: ${rollout} steps ${request.steps.join('/')}"), setImage()]
            case 'rolling':
                return [patchSteps([], "Argo: ${rollout} without steps"), setImage()]
            default:
                return [setImage(), plugin("Argo: switch ${rollout} to the new version", ['promote', rollout])]
        }
    }

    @NonCPS
    List<Command> promote(DeployRequest request) {
        if (request.strategy == 'canary') {
            return [plugin("Argo: promote ${rollout} fully", ['promote', rollout, '--full'])]
        }
        return []
    }

    @NonCPS
    List<Command> rollback(DeployRequest request) {
        if (request.strategy == 'canary') {
            return [plugin("Argo: abort ${rollout}", ['abort', rollout])]
        }
        return [plugin("Argo: undo ${rollout}", ['undo', rollout])]
    }

    @NonCPS
    private Command setImage() {
        return plugin("Argo: ${rollout} to ${image}", ['set', 'image', rollout, container + '=' + image])
    }

    @NonCPS
    private Command patchSteps(List canarySteps, String label) {
        String patch = JsonOutput.toJson([spec: [strategy: [canary: [steps: canarySteps]]]])
        return Command.shell(label, ['kubectl', 'patch', 'rollout', rollout, '--namespace', namespace, '--type', 'merge', '--patch', patch])
    }

    @NonCPS
    private Command plugin(String label, List<String> words) {
        return Command.shell(label, ['kubectl', 'argo', 'rollouts'] + words + ['--namespace', namespace])
    }
}
