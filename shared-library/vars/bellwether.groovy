// The `bellwether` global variable: thin entry points over io.bellwether.pipeline.
// Every step validates its arguments there and fails with `error` and a clear message.
import io.bellwether.pipeline.AnalyzeStep
import io.bellwether.pipeline.BellwetherEngine
import io.bellwether.pipeline.DecideStep
import io.bellwether.pipeline.DeliverySettings
import io.bellwether.pipeline.Deployment
import io.bellwether.pipeline.Evidence
import io.bellwether.pipeline.InvalidArgument
import io.bellwether.pipeline.JenkinsPlugins
import io.bellwether.pipeline.ProgressiveDelivery

/** Risk score, strategy and pace of the change; sets env.DEPLOY_STRATEGY, RISK_SCORE, PACE. */
Map decide(Map args = [:]) {
    return withClearErrors('decide') {
        new DecideStep(this, engine(args)).call(args)
    }
}

/** Exposes the candidate on a target (k8s, iis, edge) with the decided strategy and weight. */
Map deploy(Map args = [:]) {
    return withClearErrors('deploy') {
        deployment(args).deploy(args)
    }
}

/** The canary verdict: archived with its report; returns the Verdict map. */
Map analyze(Map args = [:]) {
    return withClearErrors('analyze') {
        new AnalyzeStep(this, engine(args)).call(args)
    }
}

/** Gives the candidate all traffic and retires the previous version. */
Map promote(Map args = [:]) {
    return withClearErrors('promote') {
        deployment(args).promote(args)
    }
}

/** Returns all traffic to the previous version. */
Map rollback(Map args = [:]) {
    return withClearErrors('rollback') {
        deployment(args).rollback(args)
    }
}

/**
 * Posts a decision or verdict to chat (best effort: returns false when posting failed).
 * No default argument here: a no-argument notify() would clash with Object.notify().
 */
boolean notify(Map args) {
    return withClearErrors('notify') {
        engine(args).notify(args + [buildUrl: args.buildUrl ?: env.BUILD_URL])
    }
}

/** The whole loop, configured by a closure: bellwether.progressiveDelivery { target = 'k8s' … } */
Map progressiveDelivery(Closure body) {
    DeliverySettings settings = new DeliverySettings()
    body.resolveStrategy = Closure.DELEGATE_FIRST
    body.delegate = settings
    body()
    return progressiveDelivery(settings.asMap())
}

/** The whole loop, configured by a map: bellwether.progressiveDelivery(target: 'k8s', …) */
Map progressiveDelivery(Map config) {
    return withClearErrors('progressiveDelivery') {
        new ProgressiveDelivery(this, engine(config), deployment(config)).run(config)
    }
}

def withClearErrors(String step, Closure body) {
    try {
        return body()
    } catch (InvalidArgument invalid) {
        error("bellwether.${step}: ${invalid.message}")
    }
}

BellwetherEngine engine(Map args) {
    return new BellwetherEngine(this, pluginInstalled(), env.BELLWETHER_CLI ?: 'bellwether', evidence(args))
}

Deployment deployment(Map args) {
    return new Deployment(this, evidence(args).directory + '/scripts')
}

Evidence evidence(Map args) {
    return new Evidence(args.evidenceDir ? args.evidenceDir.toString() : null)
}

/**
 * The plugin's steps when the bellwether plugin is active, else the CLI. env.BELLWETHER_ENGINE
 * ('plugin' or 'cli') overrides the detection, e.g. to keep using a pinned CLI.
 */
boolean pluginInstalled() {
    String forced = env.BELLWETHER_ENGINE
    if (forced == 'plugin') {
        return true
    }
    if (forced == 'cli') {
        return false
    }
    if (forced) {
        error("bellwether: env.BELLWETHER_ENGINE must be 'plugin' or 'cli', not '${forced}'")
    }
    return JenkinsPlugins.isActive('bellwether')
}
