/**
 * TEST DOUBLE of Jenkins' declarative pipeline runner (pipeline-model-definition), just enough
 * to run examples/Jenkinsfile in the PipelineHarness: `pipeline { agent, options, parameters,
 * environment, stages { stage(name) { steps { … script { … } } } }, post { always, success,
 * failure } }`. Sections are collected first and then run in Jenkins' order: parameters give
 * `params` their defaults (overridden by the given values), environment assignments go to
 * env, each stage's steps run with the harness' steps, post conditions run last. options and
 * agent are recorded, not enforced. Not supported (and not used by the example): when,
 * parallel, matrix, input, tools, libraries.
 */
class DeclarativePipeline {
    final PipelineHarness harness
    final Map<String, Object> params = [:]

    DeclarativePipeline(PipelineHarness harness, Map<String, Object> given) {
        this.harness = harness
        this.params.putAll(given)
    }

    static void run(Closure body, Object delegate) {
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.delegate = delegate
        body()
    }

    /**
     * Runs a section-holding closure to collect its sections, then detaches the collector: the
     * sections' own closures resolve names through this closure, and must reach the script.
     */
    static DeclarativeSections collect(Closure body) {
        DeclarativeSections sections = new DeclarativeSections()
        run(body, sections)
        body.resolveStrategy = Closure.OWNER_ONLY
        return sections
    }

    /** Runs the pipeline; returns the result Jenkins would give the build. */
    String run(Closure pipeline) {
        DeclarativeSections top = collect(pipeline)
        harness.calls << [step: 'agent', args: [agent: top.found.agent]]
        if (top.found.parameters) {
            run((Closure) top.found.parameters, new DeclarativeParameters(params))
        }
        harness.binding.setVariable('params', params)
        if (top.found.environment) {
            run((Closure) top.found.environment, new DeclarativeEnvironment(harness))
        }
        Throwable failure = null
        try {
            run((Closure) top.found.stages, new DeclarativeStages(harness))
        } catch (Throwable stopped) {
            failure = stopped
            harness.currentBuild.result = 'FAILURE'
        }
        if (top.found.post) {
            DeclarativeSections post = collect((Closure) top.found.post)
            for (String condition : ['always', failure ? 'failure' : 'success']) {
                if (post.found[condition]) {
                    run((Closure) post.found[condition], new DeclarativeSteps())
                }
            }
        }
        harness.currentBuild.result = harness.currentBuild.result ?: 'SUCCESS'
        if (failure != null && !(failure instanceof PipelineError) && !(failure instanceof InputRejected)) {
            throw failure
        }
        return harness.currentBuild.result
    }
}

/** The collector for `pipeline { … }`, a stage and `post { … }`: remembers each section. */
class DeclarativeSections {
    final Map<String, Object> found = [:]

    Object methodMissing(String name, Object args) {
        Object[] list = (Object[]) args
        found[name] = list.length == 1 ? list[0] : list.toList()
        return null
    }
}

/** `parameters { string(name:, defaultValue:) … }`: the defaults, unless a value was given. */
class DeclarativeParameters {
    final Map<String, Object> params

    DeclarativeParameters(Map<String, Object> params) {
        this.params = params
    }

    Object methodMissing(String name, Object args) {
        Map definition = (Map) ((Object[]) args)[0]
        if (!params.containsKey(definition.name)) {
            params[definition.name.toString()] = definition.defaultValue
        }
        return null
    }
}

/** `environment { NAME = value }`: into env. */
class DeclarativeEnvironment {
    final PipelineHarness harness

    DeclarativeEnvironment(PipelineHarness harness) {
        this.harness = harness
    }

    void setProperty(String name, Object value) {
        harness.env.setProperty(name, value.toString())
    }
}

/** `stages { stage(name) { steps { … } } }`, recorded as stages. */
class DeclarativeStages {
    final PipelineHarness harness

    DeclarativeStages(PipelineHarness harness) {
        this.harness = harness
    }

    void stage(String name, Closure body) {
        harness.calls << [step: 'stage', args: [name: name, declarative: true]]
        DeclarativeSections stage = DeclarativePipeline.collect(body)
        Closure steps = (Closure) stage.found.steps
        assert steps != null: "stage ${name} has no steps"
        DeclarativePipeline.run(steps, new DeclarativeSteps())
    }
}

/** `steps { … }`: every call goes to the harness' steps; `script { … }` just runs its block. */
class DeclarativeSteps {
    Object script(Closure body) {
        return body()
    }
}
