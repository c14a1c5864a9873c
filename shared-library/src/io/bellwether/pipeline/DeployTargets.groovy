package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/** Picks the planner of a deploy target: k8s (helm | kubectl | argo), iis or edge. */
class DeployTargets implements Serializable {
    private static final long serialVersionUID = 1L

    @NonCPS
    static Object plannerFor(Map args, String scriptDirectory) {
        String target = args.target ? args.target.toString() : null
        switch (target) {
            case 'k8s':
                String tool = (args.tool ?: 'helm').toString()
                switch (tool) {
                    case 'helm': return new KubernetesHelm(args)
                    case 'kubectl': return new KubernetesKubectl(args)
                    case 'argo': return new ArgoRollouts(args)
                    default:
                        throw new InvalidArgument("tool: ${ArgumentRules.shown(tool)} is not valid: expected helm, kubectl or argo for the k8s target")
                }
            case 'iis':
                return new IisSite(args, scriptDirectory)
            case 'edge':
                return new EdgeOta(args)
            default:
                throw new InvalidArgument("target: ${ArgumentRules.shown(target)} is not valid: expected k8s, iis or edge")
        }
    }

    /**
     * Whether the strategy moves through the pace's steps on this target. Canary always does;
     * rolling does where the library drives the batches (IIS farms, edge fleets), while on
     * Kubernetes the controller rolls the pods and the pipeline analyses once; blue/green
     * switches all traffic at once.
     */
    @NonCPS
    static boolean followsPace(Map args, String strategy) {
        if (strategy == 'canary') {
            return true
        }
        return strategy == 'rolling' && args.target in ['iis', 'edge']
    }
}
