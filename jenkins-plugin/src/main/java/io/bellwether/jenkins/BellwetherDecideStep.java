package io.bellwether.jenkins;

import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.bellwether.api.chat.BuildSummary;
import io.bellwether.api.chat.JsonValues;
import io.bellwether.api.chat.StepArguments;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def d = bellwetherDecide(changes: 'changes.json', policy: 'policy.yaml', model: 'model.json')}:
 * the risk score, strategy, pace and gates of a change, as a map with the Decision's JSON fields
 * ({@code d.risk_score}, {@code d.strategy}, {@code d.pace.steps}). Runs on the agent; paths are
 * relative to the workspace or absolute.
 */
public final class BellwetherDecideStep extends Step {
    private final String changes;
    private String policy;
    private String model;

    @DataBoundConstructor
    public BellwetherDecideStep(String changes) {
        this.changes = Util.fixEmptyAndTrim(changes);
    }

    public String getChanges() {
        return changes;
    }

    public String getPolicy() {
        return policy;
    }

    @DataBoundSetter
    public void setPolicy(String policy) {
        this.policy = Util.fixEmptyAndTrim(policy);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = Util.fixEmptyAndTrim(model);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient BellwetherDecideStep step;

        Execution(BellwetherDecideStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            final FilePath workspace = getContext().get(FilePath.class);
            final Run<?, ?> run = getContext().get(Run.class);
            final TaskListener listener = getContext().get(TaskListener.class);
            final String decision = workspace.act(new DecideOnAgent(step.changes, step.policy, step.model)).orThrow();
            BellwetherAction.of(run).recordDecision(decision);
            final BuildSummary s = BuildSummary.of(decision, null);
            listener.getLogger().println("Bellwether decision: risk " + s.getRiskScoreText() + ", strategy "
                    + s.getStrategy() + (s.getPace() == null ? "" : ", pace " + s.getPace())
                    + (s.isApprovalRequired() ? ", approval required" : "")
                    + (s.getBlockingGate() == null ? "" : ", blocked by " + s.getBlockingGate()));
            return JsonValues.object(decision);
        }
    }

    @Extension
    @Symbol("bellwetherDecide")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "bellwetherDecide";
        }

        @Override
        public String getDisplayName() {
            return "Bellwether: decide how to ship a change";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepArguments.describe(namedArgs, "changes", "policy", "model");
        }
    }
}
