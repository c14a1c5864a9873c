package io.bellwether.jenkins;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Slack cannot fetch a CSRF crumb: its POSTs to the slash-command URL skip the crumb check. They
 * are authenticated by their HMAC signature instead, which a cross-site form cannot produce.
 */
@Extension
public final class SlackCommandCrumbExclusion extends CrumbExclusion {
    private static final String PATH = "/" + SlackCommandEndpoint.URL_NAME;

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        final String path = request.getPathInfo();
        if (PATH.equals(path) || (PATH + "/").equals(path)) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
