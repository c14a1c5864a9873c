package io.bellwether.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.bellwether.api.chat.BuildSummary;
import io.bellwether.api.chat.FailOn;
import io.bellwether.api.chat.JsonValues;
import io.bellwether.api.chat.NativeRequests;
import io.bellwether.api.chat.PrometheusAccess;
import io.bellwether.api.chat.StepArguments;
import java.util.ArrayList;
import java.util.List;
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
 * {@code def v = bellwetherAnalyze(config: 'slo.yaml', metrics: 'metrics.csv', report: 'canary.html')}:
 * the canary verdict ({@code v.action} is promote, slow or rollback) as a map with the Verdict's
 * JSON fields. Without {@code failOn} a rollback is returned, not thrown, so the pipeline decides;
 * {@code failOn: 'rollback'} (or {@code 'slow'}) fails the step instead, like the CLI's
 * --fail-on. The verdict and report are kept beside the build for its Bellwether page. Without
 * metrics the samples come from Prometheus: {@code prometheusUrl} and {@code prometheusCredentialsId}
 * (else the global configuration's) override the connection of slo.yaml.
 */
public final class BellwetherAnalyzeStep extends Step {
    private final String config;
    private String metrics;
    private String report;
    private String failOn;
    private List<String> vars = List.of();
    private boolean watch;
    private String prometheusUrl;
    private String prometheusCredentialsId;

    @DataBoundConstructor
    public BellwetherAnalyzeStep(String config) {
        this.config = Util.fixEmptyAndTrim(config);
    }

    public String getConfig() {
        return config;
    }

    public String getMetrics() {
        return metrics;
    }

    /** A CSV of samples; without it the samples come from the config's Prometheus source. */
    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    public String getReport() {
        return report;
    }

    /** Also write the HTML report to this workspace file. */
    @DataBoundSetter
    public void setReport(String report) {
        this.report = Util.fixEmptyAndTrim(report);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        final FailOn parsed = FailOn.parse(failOn); // a typo fails when the step is created
        this.failOn = parsed == null ? null : parsed.cliValue();
    }

    public List<String> getVars() {
        return vars;
    }

    /** The CLI's --var name=value for the config's query templates, e.g. ['service=checkout']. */
    @DataBoundSetter
    public void setVars(List<String> vars) {
        NativeRequests.vars(vars);
        this.vars = vars == null ? List.of() : new ArrayList<>(vars);
    }

    public boolean isWatch() {
        return watch;
    }

    /** Follow the canary live, window by window, until promote or rollback (the CLI's --watch). */
    @DataBoundSetter
    public void setWatch(boolean watch) {
        this.watch = watch;
    }

    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    /** The Prometheus to read instead of the global configuration's (which overrides slo.yaml's URL). */
    @DataBoundSetter
    public void setPrometheusUrl(String prometheusUrl) {
        PrometheusAccess.of(prometheusUrl, null, null); // a URL that is not http(s) fails when the step is created
        this.prometheusUrl = Util.fixEmptyAndTrim(prometheusUrl);
    }

    public String getPrometheusCredentialsId() {
        return prometheusCredentialsId;
    }

    /** Secret text (bearer token) or Username with password for Prometheus, instead of the global one. */
    @DataBoundSetter
    public void setPrometheusCredentialsId(String prometheusCredentialsId) {
        this.prometheusCredentialsId = Util.fixEmptyAndTrim(prometheusCredentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient BellwetherAnalyzeStep step;

        Execution(BellwetherAnalyzeStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            final FilePath workspace = getContext().get(FilePath.class);
            final Run<?, ?> run = getContext().get(Run.class);
            final TaskListener listener = getContext().get(TaskListener.class);
            final BellwetherAction action = BellwetherAction.of(run);
            // Jenkins' Prometheus and its credential matter only when the samples come from it.
            final PrometheusAccess prometheus = step.metrics != null ? null
                    : PrometheusCredentials.forRun(run, step.prometheusUrl, step.prometheusCredentialsId);
            // A decision made earlier in this build goes into the report beside the verdict.
            final NativeAnswer answer = workspace.act(new AnalyzeOnAgent(step.config, step.metrics,
                    NativeRequests.vars(step.vars), step.watch, step.report, action.decisionJson(), prometheus));
            final String verdict = answer.orThrow();
            action.recordVerdict(verdict, answer.html());
            final BuildSummary s = BuildSummary.of(null, verdict);
            listener.getLogger().println("Bellwether verdict: " + s.getHeadline() + " — " + s.getReason());
            final FailOn failOn = FailOn.parse(step.failOn);
            if (failOn != null && failOn.failsOn(s.getAction())) {
                throw new AbortException("Bellwether verdict " + s.getAction() + " (failOn: " + failOn.cliValue() + "): "
                        + s.getReason());
            }
            return JsonValues.object(verdict);
        }
    }

    @Extension
    @Symbol("bellwetherAnalyze")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "bellwetherAnalyze";
        }

        @Override
        public String getDisplayName() {
            return "Bellwether: canary verdict";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepArguments.describe(namedArgs, "config", "metrics", "failOn");
        }

        public ListBoxModel doFillFailOnItems() {
            final ListBoxModel items = new ListBoxModel();
            items.add("never: return the verdict", "");
            items.add("rollback", "rollback");
            items.add("slow or rollback", "slow");
            return items;
        }
    }
}
