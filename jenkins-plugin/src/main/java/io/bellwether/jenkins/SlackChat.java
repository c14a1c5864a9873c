package io.bellwether.jenkins;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.bellwether.api.Bellwether;
import io.bellwether.api.chat.SlackClient;
import io.bellwether.api.chat.SlashCommand;
import io.bellwether.api.chat.SlashCommandService;
import io.bellwether.api.chat.UserMapping;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The one Slack conversation service of this Jenkins, with the two threads that answer after the
 * acknowledgement. A full queue is refused at once (Slack then shows "busy") rather than
 * answering after the response_url has expired.
 */
final class SlackChat {
    private static final Logger LOG = Logger.getLogger(SlackChat.class.getName());
    private static final SlackChat INSTANCE = new SlackChat();

    private final SlashCommandService service;

    private SlackChat() {
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(100), new NamingThreadFactory(new DaemonThreadFactory(), "Bellwether Slack"));
        executor.allowCoreThreadTimeOut(true);
        service = new SlashCommandService(SlackChat::settings, Bellwether::intentTurn, new JenkinsChatSide(),
                new SlackClient(SlackClient.SLACK_API, Duration.ofSeconds(10)), Clock.systemUTC(), executor);
    }

    static SlashCommandService service() {
        return INSTANCE.service;
    }

    private static SlashCommandService.Settings settings() {
        final BellwetherGlobalConfiguration config = BellwetherGlobalConfiguration.get();
        UserMapping mapping;
        try {
            mapping = UserMapping.parse(config.getSlackUserMapping());
        } catch (IllegalArgumentException e) {
            // The form refuses a malformed mapping; one edited on disk maps nobody explicitly.
            LOG.warning("Ignoring the malformed Bellwether Slack user mapping: " + e.getMessage());
            mapping = UserMapping.parse("");
        }
        return new SlashCommandService.Settings(SecretTexts.system(config.getSlackSigningSecretCredentialsId()),
                SecretTexts.system(config.getSlackBotTokenCredentialsId()), config.getRegistryPath(),
                config.chatStateDir().getPath(), mapping, config.isMapSlackUsersByEmail(), SlashCommand.SLACK_RESPONSE_URLS);
    }
}
