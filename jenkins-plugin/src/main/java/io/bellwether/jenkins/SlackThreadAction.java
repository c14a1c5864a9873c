package io.bellwether.jenkins;

import hudson.model.InvisibleAction;
import io.bellwether.api.chat.ChatThread;

/**
 * Marks a build started from Slack and says where its result goes. It travels from the queue
 * item to the build; only the channel, the user and the thread's ts are saved with the build.
 */
public final class SlackThreadAction extends InvisibleAction {
    private final ChatThread thread;

    SlackThreadAction(ChatThread thread) {
        this.thread = thread;
    }

    ChatThread thread() {
        return thread;
    }
}
