package io.bellwether.api.chat;

/**
 * Slack's mrkdwn control characters. Slack reads {@code <…>} as a link, mention or
 * {@code <!channel>}, so every value that comes from a user, a registry or a build has
 * {@code & < >} escaped before it is put into a message.
 */
public final class Mrkdwn {
    /** Slack's limit for the text of a section or context block. */
    public static final int MAX_BLOCK_TEXT = 3000;

    private Mrkdwn() {}

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        final StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** A link whose URL and label are both escaped; {@code |} would end the URL early. */
    public static String link(String url, String label) {
        return "<" + escape(url).replace("|", "%7C") + "|" + escape(label) + ">";
    }

    /** A mention of a Slack user whose ID was checked by {@link SlashCommand}. */
    public static String mention(String slackUserId) {
        return "<@" + slackUserId + ">";
    }

    /**
     * Cuts already escaped text to at most {@code max} characters with "…", never inside an
     * escape or a surrogate pair.
     */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        final int amp = s.lastIndexOf('&', end - 1);
        if (amp >= 0 && s.indexOf(';', amp) >= end) {
            end = amp;
        }
        return s.substring(0, end) + "…";
    }
}
