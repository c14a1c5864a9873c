package io.bellwether.jenkins;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.bellwether.api.chat.SlackSignature;
import io.bellwether.api.chat.SlashCommandService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.http.HttpServletResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * The Slack slash command's Request URL, {@code JENKINS_URL/bellwether-slack/}. It is reachable
 * without a Jenkins login because Slack has none; the request signature is the authentication,
 * and nothing is run before it is verified. The CSRF crumb is waived for this URL alone
 * ({@link SlackCommandCrumbExclusion}).
 */
@Extension
public final class SlackCommandEndpoint implements UnprotectedRootAction {
    static final String URL_NAME = "bellwether-slack";
    // Slash commands are a few hundred bytes; a large body is not Slack.
    private static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Bellwether Slack command";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @POST
    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        final byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            rsp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body too large");
            return;
        }
        final SlashCommandService.Ack ack = SlackChat.service().receive(req.getHeader(SlackSignature.TIMESTAMP_HEADER),
                req.getHeader(SlackSignature.SIGNATURE_HEADER), body);
        rsp.setStatus(ack.status());
        rsp.setContentType(ack.contentType());
        rsp.getOutputStream().write(ack.body().getBytes(StandardCharsets.UTF_8));
    }
}
