package io.bellwether.jenkins;

import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.bellwether.api.chat.BuildOutcome;
import jenkins.model.Jenkins;

/** Posts the result of a build started from Slack back to where it was announced. */
@Extension
public final class ChatBuildListener extends RunListener<Run<?, ?>> {
    @Override
    public void onCompleted(Run<?, ?> run, TaskListener listener) {
        final SlackThreadAction origin = run.getAction(SlackThreadAction.class);
        if (origin == null) {
            return;
        }
        final Result result = run.getResult();
        final String root = Jenkins.get().getRootUrl();
        // Not every kind of build has its duration set before the listeners run.
        final long duration = run.getDuration() > 0 ? run.getDuration()
                : System.currentTimeMillis() - run.getStartTimeInMillis();
        SlackChat.service().buildFinished(new BuildOutcome(run.getParent().getFullName(), run.getNumber(),
                result == null ? "UNKNOWN" : result.toString(), root == null ? null : root + run.getUrl(), duration),
                origin.thread());
    }
}
