package io.bellwether.api.chat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * One Block Kit message: a section of mrkdwn (already escaped), an optional context line, and
 * whether the whole channel sees it or only the person who asked. Rendered for a slash
 * command's response_url or for chat.postMessage.
 */
public record SlackMessage(String mrkdwn, String footnote, boolean inChannel) {

    /** The body POSTed to a slash command's response_url. */
    public String forResponseUrl() {
        final JsonObject payload = new JsonObject();
        payload.addProperty("response_type", inChannel ? "in_channel" : "ephemeral");
        // A later answer adds to the conversation instead of overwriting the previous one.
        payload.addProperty("replace_original", false);
        fill(payload);
        return json(payload);
    }

    /** The body of chat.postMessage into a channel, as a reply in a thread when threadTs is set. */
    public String forChannel(String channelId, String threadTs) {
        final JsonObject payload = new JsonObject();
        payload.addProperty("channel", channelId);
        if (threadTs != null && !threadTs.isEmpty()) {
            payload.addProperty("thread_ts", threadTs);
        }
        // Build links would otherwise unfold into previews of the Jenkins login page.
        payload.addProperty("unfurl_links", false);
        fill(payload);
        return json(payload);
    }

    private void fill(JsonObject payload) {
        final String text = Mrkdwn.cut(mrkdwn, Mrkdwn.MAX_BLOCK_TEXT);
        // `text` is what notifications and screen readers show; the blocks are what people see.
        payload.addProperty("text", text);
        final JsonArray blocks = new JsonArray();
        blocks.add(block("section", text));
        if (footnote != null && !footnote.isEmpty()) {
            blocks.add(block("context", Mrkdwn.cut(footnote, Mrkdwn.MAX_BLOCK_TEXT)));
        }
        payload.add("blocks", blocks);
    }

    private static JsonObject block(String type, String mrkdwn) {
        final JsonObject text = new JsonObject();
        text.addProperty("type", "mrkdwn");
        text.addProperty("text", mrkdwn);
        final JsonObject block = new JsonObject();
        block.addProperty("type", type);
        if (type.equals("context")) {
            final JsonArray elements = new JsonArray();
            elements.add(text);
            block.add("elements", elements);
        } else {
            block.add("text", text);
        }
        return block;
    }

    private static String json(JsonObject payload) {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(payload);
    }
}
