package io.bellwether.jenkins;

import hudson.remoting.VirtualChannel;
import io.bellwether.api.Bellwether;
import io.bellwether.api.BellwetherException;
import io.bellwether.api.chat.NativeRequests;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/** decide, run on the agent that holds the workspace, so the files are read where they are. */
final class DecideOnAgent extends MasterToSlaveFileCallable<NativeAnswer> {
    private static final long serialVersionUID = 1L;

    private final String changes;
    private final String policy;
    private final String model;

    DecideOnAgent(String changes, String policy, String model) {
        this.changes = changes;
        this.policy = policy;
        this.model = model;
    }

    @Override
    public NativeAnswer invoke(File workspace, VirtualChannel channel) {
        try {
            return NativeAnswer.of(Bellwether.decide(NativeRequests.decide(workspace.toPath(), changes, policy, model)), null);
        } catch (BellwetherException e) {
            return NativeAnswer.failed(e);
        } catch (IllegalArgumentException e) {
            return NativeAnswer.failed(BellwetherException.INPUT, e.getMessage());
        }
    }
}
