package io.bellwether.api.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Slack slash command from request to build: verify the signature and refuse replays, answer
 * Slack at once (it waits 3 s at most), then, off the request thread, find the Jenkins user, run
 * one turn of the intent dialogue, and after a confirmation start the job as that user when
 * Jenkins allows it (an intent the job registry marks {@code dry_run: true} is only shown to the
 * asker). Answers go to the response_url; the build's announcement and, later, its result go to
 * the channel (into a thread when a bot token is configured).
 *
 * <p>Everything Jenkins-specific sits behind {@link JenkinsSide}; the plugin's glue implements it.
 */
public final class SlashCommandService {
    private static final Logger LOG = Logger.getLogger(SlashCommandService.class.getName());

    /** The global configuration as this service needs it, read afresh for each request. */
    public record Settings(String signingSecret, String botToken, String registryPath, String stateDir,
            UserMapping mapping, boolean mapByEmail, Predicate<URI> responseUrlAllowed) {}

    /** Whether a Jenkins user may start a job. */
    public enum Access { ALLOWED, NOT_FOUND, NOT_BUILDABLE, DENIED }

    /** What Jenkins answers; implemented by the glue with Jenkins' own users, ACLs and queue. */
    public interface JenkinsSide {
        /** Jenkins user ID → the e-mail address configured in that user's profile. */
        Map<String, String> userAddresses();

        /** NOT_FOUND also when the user may not see the job, so its existence is not revealed. */
        Access access(String jenkinsUser, String job);

        /** The names of the job's parameters (empty for a job without parameters). */
        List<String> parameterNames(String job);

        /**
         * Queues the build as the user, with the thread attached so its result can be posted back.
         *
         * @throws Exception with a message fit for the person asking when Jenkins refuses
         */
        void schedule(String jenkinsUser, TriggeredJob job, ChatThread thread) throws Exception;
    }

    /** The immediate HTTP answer to Slack (or to whoever forged the request). */
    public record Ack(int status, String contentType, String body) {
        static Ack ok() {
            return new Ack(200, "text/plain; charset=utf-8", "");
        }
    }

    private final Supplier<Settings> settings;
    private final Function<String, String> intentTurn;
    private final JenkinsSide jenkins;
    private final SlackClient slack;
    private final ReplayGuard replays;
    private final Clock clock;
    private final Executor executor;

    /**
     * @param intentTurn {@code Bellwether::intentTurn}: one JSON request in, one Intent answer out
     * @param executor runs everything after the acknowledgement
     */
    public SlashCommandService(Supplier<Settings> settings, Function<String, String> intentTurn, JenkinsSide jenkins,
            SlackClient slack, Clock clock, Executor executor) {
        this.settings = Objects.requireNonNull(settings);
        this.intentTurn = Objects.requireNonNull(intentTurn);
        this.jenkins = Objects.requireNonNull(jenkins);
        this.slack = Objects.requireNonNull(slack);
        this.clock = Objects.requireNonNull(clock);
        this.executor = Objects.requireNonNull(executor);
        // Ten thousand slash commands in five minutes is far beyond any team's use.
        this.replays = new ReplayGuard(clock, 10_000);
    }

    /** Checks a POST from Slack and queues its handling; returns at once. */
    public Ack receive(String timestampHeader, String signatureHeader, byte[] rawBody) {
        final Settings s = settings.get();
        try {
            final long timestamp = new SlackSignature(s.signingSecret(), clock).verify(timestampHeader, signatureHeader,
                    rawBody);
            replays.admit(signatureHeader, timestamp);
            if (isSslCheck(rawBody)) {
                return Ack.ok();
            }
            final SlashCommand command = SlashCommand.parse(rawBody, s.responseUrlAllowed());
            executor.execute(() -> answer(command, s));
            return Ack.ok();
        } catch (SlackRequestRejected e) {
            LOG.warning("Refused a request to the Bellwether Slack endpoint: " + e.getMessage());
            return new Ack(e.httpStatus(), "text/plain; charset=utf-8", e.getMessage());
        } catch (RejectedExecutionException e) {
            return new Ack(200, "application/json; charset=utf-8",
                    SlackMessages.failed("it is busy; please try again in a minute.").forResponseUrl());
        }
    }

    /** Posts a finished build's result where the build was announced. */
    public void buildFinished(BuildOutcome outcome, ChatThread thread) {
        try {
            executor.execute(() -> postResult(outcome, thread));
        } catch (RejectedExecutionException e) {
            LOG.warning("Too busy to post the result of " + outcome.job() + " #" + outcome.number() + " to Slack");
        }
    }

    private void postResult(BuildOutcome outcome, ChatThread thread) {
        final Settings s = settings.get();
        final SlackMessage message = SlackMessages.finished(outcome);
        try {
            if (s.botToken() != null && thread.threadTs() != null) {
                slack.post(s.botToken(), thread.channelId(), thread.threadTs(), message);
            } else if (thread.responseUrl() != null) {
                slack.respond(thread.responseUrl(), message);
            } else {
                LOG.info("No way back to Slack for " + outcome.job() + " #" + outcome.number()
                        + ": no bot token, and the response_url is gone (Jenkins restarted)");
            }
        } catch (SlackCallFailed e) {
            LOG.warning("Could not post the result of " + outcome.job() + " #" + outcome.number() + " to Slack: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(SlashCommand command, Settings s) {
        try {
            final UserMapping.Resolution who = s.mapping().resolve(command.userId(), s.mapByEmail(),
                    () -> emailOf(s, command.userId()), jenkins::userAddresses);
            if (who.jenkinsUser().isEmpty()) {
                LOG.info("Slack user " + command.userId() + " is not a known Jenkins user: " + who.explanation());
                slack.respond(command.responseUrl(), SlackMessages.refused(who.explanation()));
                return;
            }
            final String user = who.jenkinsUser().get();
            final JsonObject answer = turn(s, command, user);
            if (answer == null) {
                return;
            }
            final Optional<TriggeredJob> job = TriggeredJob.from(answer);
            if (job.isEmpty()) {
                slack.respond(command.responseUrl(),
                        SlackMessages.dialogue(text(answer, "reply"), text(answer, "state"), command.command()));
                return;
            }
            if (job.get().registryDryRun()) {
                LOG.info("Not starting " + job.get().job() + " for " + user + ": the job registry marks it as a dry run");
                slack.respond(command.responseUrl(), SlackMessages.dryRun(text(answer, "intent"), job.get().job(),
                        job.get().parameters()));
                return;
            }
            start(command, s, user, job.get());
        } catch (SlackCallFailed e) {
            LOG.warning("Could not answer Slack user " + command.userId() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Bellwether failed on a Slack command from " + command.userId(), e);
            tellQuietly(command, SlackMessages.failed(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private JsonObject turn(Settings s, SlashCommand command, String user) throws SlackCallFailed, InterruptedException {
        if (s.registryPath() == null || s.registryPath().isBlank()) {
            slack.respond(command.responseUrl(), SlackMessages.failed("no job registry is configured in Jenkins"
                    + " (Manage Jenkins → System → Bellwether)."));
            return null;
        }
        final String request = new IntentTurnRequest(s.registryPath(), s.stateDir(), "slack-" + command.teamId(), user,
                command.registryChannel(), command.text()).toJson();
        final String answer;
        try {
            answer = intentTurn.apply(request);
        } catch (RuntimeException e) {
            LOG.warning("The intent turn for " + user + " failed: " + e);
            slack.respond(command.responseUrl(), SlackMessages.failed(e.getMessage() == null ? e.toString() : e.getMessage()));
            return null;
        }
        try {
            final JsonElement parsed = JsonParser.parseString(answer);
            if (parsed.isJsonObject()) {
                return parsed.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // reported below
        }
        throw new IllegalStateException("the intent answer is not a JSON object");
    }

    private void start(SlashCommand command, Settings s, String user, TriggeredJob job)
            throws SlackCallFailed, InterruptedException {
        final String refusal = switch (jenkins.access(user, job.job())) {
            case NOT_FOUND -> "Jenkins has no job " + job.job() + " that " + user + " can see.";
            case NOT_BUILDABLE -> job.job() + " is disabled or cannot be built.";
            case DENIED -> "Jenkins user " + user + " may not build " + job.job() + ".";
            case ALLOWED -> null;
        };
        if (refusal != null) {
            LOG.info("Refused to start " + job.job() + " for Slack user " + command.userId() + ": " + refusal);
            slack.respond(command.responseUrl(), SlackMessages.refused(refusal));
            return;
        }
        final List<String> undefined = job.undefinedIn(jenkins.parameterNames(job.job()));
        if (!undefined.isEmpty()) {
            slack.respond(command.responseUrl(), SlackMessages.refused(job.job() + " has no parameter "
                    + String.join(", ", undefined) + "; the job registry and the job disagree."));
            return;
        }
        final ChatThread thread = new ChatThread(command.channelId(), command.userId(), command.responseUrl());
        try {
            jenkins.schedule(user, job, thread);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            slack.respond(command.responseUrl(), SlackMessages.refused("Jenkins did not queue " + job.job() + ": "
                    + e.getMessage()));
            return;
        }
        announce(command, s, thread, SlackMessages.queued(job.job(), command.userId(), user, job.parameters()));
    }

    // With a bot token the announcement opens a thread for the result; without one, or when the
    // bot may not post there, the response_url still reaches the channel.
    private void announce(SlashCommand command, Settings s, ChatThread thread, SlackMessage message)
            throws SlackCallFailed, InterruptedException {
        if (s.botToken() != null) {
            try {
                thread.threadTs(slack.post(s.botToken(), thread.channelId(), null, message));
                return;
            } catch (SlackCallFailed e) {
                LOG.warning(e.getMessage() + "; announcing through the response_url instead");
            }
        }
        slack.respond(command.responseUrl(), message);
    }

    private Optional<String> emailOf(Settings s, String slackUserId) {
        if (s.botToken() == null) {
            return Optional.empty();
        }
        try {
            return slack.emailOf(s.botToken(), slackUserId);
        } catch (SlackCallFailed e) {
            LOG.warning("Could not read the e-mail address of Slack user " + slackUserId + ": " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void tellQuietly(SlashCommand command, SlackMessage message) {
        try {
            slack.respond(command.responseUrl(), message);
        } catch (SlackCallFailed e) {
            LOG.warning("Could not answer Slack user " + command.userId() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isSslCheck(byte[] body) {
        try {
            return "1".equals(FormBody.parse(body).get("ssl_check"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonObject o, String name) {
        final JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }
}
