package io.bellwether.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Secret-text credentials by ID; the value is read at the moment of use and never logged. */
final class SecretTexts {
    private SecretTexts() {}

    /** A system-level secret (the Slack signing secret and bot token), or null when unset or missing. */
    static String system(String credentialsId) {
        if (credentialsId == null) {
            return null;
        }
        final StringCredentials found = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), ACL.SYSTEM2,
                        List.of()),
                CredentialsMatchers.withId(credentialsId));
        return found == null ? null : found.getSecret().getPlainText();
    }

    /** A secret a build may use, looked up in the build's own context (folders, its user). */
    static String forRun(String credentialsId, Run<?, ?> run) throws AbortException {
        final StringCredentials found = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
        if (found == null) {
            throw new AbortException("Bellwether: no Secret text credential with ID " + credentialsId
                    + " is available to this build");
        }
        return found.getSecret().getPlainText();
    }
}
