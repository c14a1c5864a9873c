package io.bellwether.jenkins;

import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.bellwether.api.Bellwether;
import io.bellwether.api.Delivery;
import io.bellwether.api.chat.ChatNotification;
import io.bellwether.api.chat.StepArguments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code bellwetherNotify(to: 'slack', credentialsId: 'slack-webhook', event: 'verdict.json')}: posts a
 * decision, verdict, triggered job or build status to chat and returns whether it arrived. Best
 * effort: a chat outage, a missing credential or a bad event is written to the build log and
 * returns false; it never fails the build. The post is made from the controller, so the webhook
 * URL (a Secret text credential) never leaves it and is never logged.
 */
public final class BellwetherNotifyStep extends Step {
    private static final long MAX_EVENT_BYTES = 1 << 20;

    private final String to;
    private final String event;
    private String credentialsId;
    private String reportUrl;
    private String title;

    @DataBoundConstructor
    public BellwetherNotifyStep(String to, String event) {
        this.to = Util.fixEmptyAndTrim(to);
        this.event = Util.fixEmptyAndTrim(event);
    }

    public String getTo() {
        return to;
    }

    /** A JSON file in the workspace: decision.json, verdict.json, an Intent answer or a build status. */
    public String getEvent() {
        return event;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Secret text holding the webhook URL; without it, the target's default from the global configuration. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getReportUrl() {
        return reportUrl;
    }

    @DataBoundSetter
    public void setReportUrl(String reportUrl) {
        this.reportUrl = Util.fixEmptyAndTrim(reportUrl);
    }

    public String getTitle() {
        return title;
    }

    @DataBoundSetter
    public void setTitle(String title) {
        this.title = Util.fixEmptyAndTrim(title);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Boolean> {
        private static final long serialVersionUID = 1L;
        private final transient BellwetherNotifyStep step;

        Execution(BellwetherNotifyStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Boolean run() throws Exception {
            final TaskListener listener = getContext().get(TaskListener.class);
            try {
                final Delivery delivery = Delivery.fromJson(Bellwether.notify(request()));
                listener.getLogger().println("Bellwether: " + delivery.describe()
                        + (delivery.delivered() ? "" : "; the build goes on"));
                return delivery.delivered();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // Messages name the credential ID or the file, never the webhook URL.
                listener.getLogger().println("Bellwether: nothing was posted to " + step.to + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()) + "; the build goes on");
                return false;
            }
        }

        private String request() throws IOException, InterruptedException {
            final Run<?, ?> run = getContext().get(Run.class);
            final String target = ChatNotification.target(step.to);
            final String id = ChatNotification.credentialsId(target, step.credentialsId,
                    BellwetherGlobalConfiguration.get().webhookCredentialsIds());
            final String url = SecretTexts.forRun(id, run);
            return ChatNotification.request(target, url, readEvent(), buildUrl(run), step.reportUrl, step.title);
        }

        private String readEvent() throws IOException, InterruptedException {
            if (step.event == null) {
                throw new IllegalArgumentException("event is required (a JSON file in the workspace)");
            }
            final FilePath workspace = getContext().get(FilePath.class);
            final FilePath file = workspace.child(step.event);
            if (!file.exists()) {
                throw new IOException("no event file " + step.event + " in the workspace");
            }
            if (file.length() > MAX_EVENT_BYTES) {
                throw new IOException("the event file " + step.event + " is over 1 MiB; it is not an event");
            }
            try (var in = file.read()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        // The link in the message; none while Jenkins' own URL is not configured.
        private static String buildUrl(Run<?, ?> run) {
            final String root = Jenkins.get().getRootUrl();
            return root == null ? null : root + run.getUrl();
        }
    }

    @Extension
    @Symbol("bellwetherNotify")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "bellwetherNotify";
        }

        @Override
        public String getDisplayName() {
            return "Bellwether: post a result to chat";
        }

        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return StepArguments.describe(namedArgs, "to", "event");
        }

        public ListBoxModel doFillToItems() {
            final ListBoxModel items = new ListBoxModel();
            items.add("Slack", "slack");
            items.add("Microsoft Teams", "teams");
            items.add("Discord", "discord");
            items.add("Generic JSON webhook", "webhook");
            return items;
        }
    }
}
