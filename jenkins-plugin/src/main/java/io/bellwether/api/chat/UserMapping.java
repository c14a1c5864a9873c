package io.bellwether.api.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a Slack user is in Jenkins. An explicit mapping ({@code SLACK_USER_ID = jenkins-user}, one
 * per line) wins; otherwise, when allowed, the Slack account's e-mail address must be the
 * explicitly configured address of exactly one Jenkins user. Anything else is unknown, and an
 * unknown user triggers nothing.
 */
public final class UserMapping {
    /** The outcome: a Jenkins user ID, or empty with the reason to show the person asking. */
    public record Resolution(Optional<String> jenkinsUser, String explanation) {
        public static Resolution mapped(String jenkinsUser, String how) {
            return new Resolution(Optional.of(jenkinsUser), how);
        }

        public static Resolution unknown(String why) {
            return new Resolution(Optional.empty(), why);
        }
    }

    private static final Pattern LINE = Pattern.compile("([A-Z0-9]{2,32})\\s*=\\s*(\\S(?:.*\\S)?)");
    private static final String ASK_ADMIN =
            " Ask a Jenkins administrator to map your Slack account in the Bellwether settings.";

    private final Map<String, String> explicit;

    private UserMapping(Map<String, String> explicit) {
        this.explicit = Collections.unmodifiableMap(explicit);
    }

    /**
     * Parses the mapping text of the global configuration: one {@code SLACK_USER_ID = jenkins-user}
     * per line, blank lines and {@code #} comments allowed.
     *
     * @throws IllegalArgumentException naming every bad line, so the form can show them all
     */
    public static UserMapping parse(String text) {
        final Map<String, String> entries = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        final String[] lines = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add("line " + (i + 1) + ": expected SLACK_USER_ID = jenkins-user, got \"" + line + "\"");
            } else if (entries.putIfAbsent(m.group(1), m.group(2)) != null) {
                problems.add("line " + (i + 1) + ": " + m.group(1) + " is mapped twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new UserMapping(entries);
    }

    public Map<String, String> explicit() {
        return explicit;
    }

    /**
     * @param slackEmail asked only when there is no explicit entry and e-mail mapping is on
     *     (it costs a call to Slack)
     * @param jenkinsAddresses Jenkins user ID → the address configured in that user's profile
     *     (not an inferred one: inferring from the ID and a default domain could hand a
     *     stranger someone else's account)
     */
    public Resolution resolve(String slackUserId, boolean byEmail, Supplier<Optional<String>> slackEmail,
            Supplier<Map<String, String>> jenkinsAddresses) {
        final String mapped = explicit.get(slackUserId);
        if (mapped != null) {
            return Resolution.mapped(mapped, "mapped explicitly");
        }
        if (!byEmail) {
            return Resolution.unknown("Your Slack account is not mapped to a Jenkins user." + ASK_ADMIN);
        }
        final Optional<String> email = slackEmail.get();
        if (email.isEmpty()) {
            return Resolution.unknown("Slack does not show your e-mail address to Bellwether, so it cannot find your"
                    + " Jenkins user." + ASK_ADMIN);
        }
        final String wanted = email.get().strip().toLowerCase(Locale.ROOT);
        final List<String> matches = new ArrayList<>();
        jenkinsAddresses.get().forEach((user, address) -> {
            if (address != null && address.strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                matches.add(user);
            }
        });
        if (matches.size() == 1) {
            return Resolution.mapped(matches.get(0), "mapped by e-mail address");
        }
        if (matches.isEmpty()) {
            return Resolution.unknown("No Jenkins user has your Slack e-mail address (" + email.get() + ")." + ASK_ADMIN);
        }
        // Which accounts share the address is not the asker's business; the count says enough.
        return Resolution.unknown(matches.size() + " Jenkins users have your Slack e-mail address, so it does not say"
                + " which one is you." + ASK_ADMIN);
    }
}
