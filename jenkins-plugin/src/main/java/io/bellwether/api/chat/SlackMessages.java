package io.bellwether.api.chat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The messages of the Slack conversation. Every value that did not come from Bellwether's own
 * wording (the core's reply, job and parameter names, user names, build results) is escaped.
 */
public final class SlackMessages {
    // The core's audit log masks the same parameters: their values never reach a channel.
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "key", "credential");

    private SlackMessages() {}

    /**
     * One turn of the intent dialogue, shown only to the person asking. While the dialogue waits
     * for an answer, the footnote says how to give it with the same slash command.
     */
    public static SlackMessage dialogue(String reply, String state, String command) {
        String footnote = null;
        if ("confirm".equals(state)) {
            footnote = "Answer with `" + Mrkdwn.escape(command) + " yes` to run it or `" + Mrkdwn.escape(command)
                    + " no` to cancel.";
        } else if ("collecting".equals(state)) {
            footnote = "Answer with `" + Mrkdwn.escape(command) + " …`, or `" + Mrkdwn.escape(command)
                    + " cancel` to stop.";
        }
        return new SlackMessage(Mrkdwn.escape(reply), footnote, false);
    }

    /** Why a confirmed request was not run (unknown user, no permission, no such job). */
    public static SlackMessage refused(String why) {
        return new SlackMessage("⛔ Not run: " + Mrkdwn.escape(why), null, false);
    }

    /** A failure of Bellwether itself, shown to the person asking (the log has the details). */
    public static SlackMessage failed(String what) {
        return new SlackMessage("🛑 Bellwether could not answer: " + Mrkdwn.escape(what), null, false);
    }

    /** The channel sees who started which job, as which Jenkins user, with which parameters. */
    public static SlackMessage queued(String job, String slackUserId, String jenkinsUser, Map<String, String> parameters) {
        final String text = "▶️ " + Mrkdwn.mention(slackUserId) + " started *" + Mrkdwn.escape(job)
                + "* as Jenkins user `" + Mrkdwn.escape(jenkinsUser) + "`. The result will follow here.";
        return new SlackMessage(text, parameters.isEmpty() ? null : parameterLine(parameters), true);
    }

    // name=value · name=value, with the values of secret-sounding parameters masked.
    private static String parameterLine(Map<String, String> parameters) {
        final StringJoiner params = new StringJoiner(" · ");
        parameters.forEach((name, value) -> params.add(Mrkdwn.escape(name) + "="
                + (isSecret(name) ? "****" : Mrkdwn.escape(value))));
        return params.toString();
    }

    /**
     * An intent the job registry marks {@code dry_run: true}: what would have been started, shown
     * only to the person asking, since nothing happened.
     */
    public static SlackMessage dryRun(String intent, String job, Map<String, String> parameters) {
        final String text = "🧪 Dry run: *" + Mrkdwn.escape(job) + "* was not started; the job registry marks `"
                + Mrkdwn.escape(intent) + "` as a dry run.";
        return new SlackMessage(text, parameters.isEmpty() ? null : parameterLine(parameters), false);
    }

    /** The finished build, posted back where it was started. */
    public static SlackMessage finished(BuildOutcome build) {
        final String name = "*" + Mrkdwn.escape(build.job()) + "* #" + build.number();
        final String text = build.emoji() + " " + name + " finished: " + Mrkdwn.escape(build.result()) + " after "
                + build.durationText() + ".";
        final String footnote = build.url() == null ? null : Mrkdwn.link(build.url(), "Open the build");
        return new SlackMessage(text, footnote, true);
    }

    private static boolean isSecret(String parameterName) {
        final String lower = parameterName.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }
}
