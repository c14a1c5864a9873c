package io.bellwether.api.chat;

import io.bellwether.api.chat.SlackRequestRejected.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One slash-command invocation as Slack posts it (application/x-www-form-urlencoded). Only the
 * fields Bellwether uses are kept; the deprecated {@code token} and {@code user_name} are
 * ignored because the signature, not a shared token, proves the sender, and names change.
 */
public record SlashCommand(String teamId, String channelId, String channelName, String userId, String command,
        String text, URI responseUrl) {

    /**
     * Slack's own delayed-response hosts. Checking the host means a leaked signing secret still
     * cannot make Jenkins post to an address inside the network.
     */
    public static final Predicate<URI> SLACK_RESPONSE_URLS = uri -> {
        final String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equals(uri.getScheme())
                && (host.equals("slack.com") || host.endsWith(".slack.com")
                        || host.equals("slack-gov.com") || host.endsWith(".slack-gov.com"));
    };

    // Team, channel and user IDs are upper-case letters and digits (T…, C…/G…/D…, U…/W…); the
    // user ID is put into a mention, so nothing else may pass.
    private static final Pattern SLACK_ID = Pattern.compile("[A-Z0-9]{2,32}");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[\\p{Ll}\\p{Lo}0-9_-]{1,80}");
    private static final int MAX_TEXT_CHARS = 4000;

    /** Parses and checks the fields of a body whose signature was already verified. */
    public static SlashCommand parse(byte[] body, Predicate<URI> responseUrlAllowed) {
        final Map<String, String> form;
        try {
            form = FormBody.parse(body);
        } catch (IllegalArgumentException e) {
            throw new SlackRequestRejected(Reason.MALFORMED, e.getMessage());
        }
        final String text = form.getOrDefault("text", "").strip();
        if (text.length() > MAX_TEXT_CHARS) {
            throw new SlackRequestRejected(Reason.MALFORMED, "text is longer than " + MAX_TEXT_CHARS + " characters");
        }
        return new SlashCommand(id(form, "team_id"), id(form, "channel_id"), channelName(form), id(form, "user_id"),
                required(form, "command"), text, responseUrl(form, responseUrlAllowed));
    }

    /**
     * The channel as a job registry names it in {@code allowed_channels}: its name ("platform-ops"),
     * or its ID where Slack sends no usable name.
     */
    public String registryChannel() {
        return channelName != null ? channelName : channelId;
    }

    /** Without the response URL, which lets anyone holding it post into the channel. */
    @Override
    public String toString() {
        return "SlashCommand[team=" + teamId + ", channel=" + channelId + " (" + channelName + "), user=" + userId + ", command=" + command
                + ", text=" + text + "]";
    }

    // Names are lower-case words, digits, - and _ (up to 80); anything else is not relied on.
    private static String channelName(Map<String, String> form) {
        final String name = form.get("channel_name");
        return name != null && CHANNEL_NAME.matcher(name).matches() ? name : null;
    }

    private static String required(Map<String, String> form, String name) {
        final String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new SlackRequestRejected(Reason.MALFORMED, "slash command has no " + name);
        }
        return value;
    }

    private static String id(Map<String, String> form, String name) {
        final String value = required(form, name);
        if (!SLACK_ID.matcher(value).matches()) {
            throw new SlackRequestRejected(Reason.MALFORMED, name + " is not a Slack ID");
        }
        return value;
    }

    private static URI responseUrl(Map<String, String> form, Predicate<URI> allowed) {
        final URI uri;
        try {
            uri = new URI(required(form, "response_url"));
        } catch (URISyntaxException e) {
            throw new SlackRequestRejected(Reason.MALFORMED, "response_url is not a URL");
        }
        if (!uri.isAbsolute() || !allowed.test(uri)) {
            // The URL itself is a short-lived credential for the channel: only its host is named.
            throw new SlackRequestRejected(Reason.MALFORMED, "response_url points to " + uri.getScheme() + "://"
                    + uri.getHost() + ", which is not a Slack response address");
        }
        return uri;
    }
}
