package io.bellwether.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.bellwether.api.chat.PrometheusAccess;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The Prometheus a build's bellwetherAnalyze reads: the step's URL and credential, else the global
 * configuration's. The credential is looked up in the build's own context (folders, its user) and
 * its secret goes only into the request, never to the log.
 */
final class PrometheusCredentials {
    private PrometheusCredentials() {}

    static PrometheusAccess forRun(Run<?, ?> run, String stepUrl, String stepCredentialsId) throws AbortException {
        final BellwetherGlobalConfiguration config = BellwetherGlobalConfiguration.get();
        final String id = stepCredentialsId != null ? stepCredentialsId : config.getPrometheusCredentialsId();
        try {
            final PrometheusAccess access = config.prometheus(stepUrl);
            if (id == null) {
                return access;
            }
            final StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
            if (found == null) {
                throw new AbortException("Bellwether: no credential with ID " + id + " is available to this build");
            }
            if (found instanceof StringCredentials token) {
                return access.withToken(token.getSecret().getPlainText());
            }
            if (found instanceof StandardUsernamePasswordCredentials basic) {
                return access.withUsernameAndPassword(basic.getUsername(), basic.getPassword().getPlainText());
            }
        } catch (IllegalArgumentException e) {
            // The messages name settings, never a secret's value.
            throw new AbortException("Bellwether: Prometheus settings: " + e.getMessage());
        }
        throw new AbortException("Bellwether: the Prometheus credential " + id
                + " must be Secret text (a bearer token) or Username with password (basic auth)");
    }
}
