package io.bellwether.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.bellwether.api.chat.UserMapping;
import java.io.File;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Bellwether's settings under Manage Jenkins → System, and in JCasC as
 * {@code unclassified: bellwether: {registryPath: …, slackSigningSecretCredentialsId: …}}.
 * Secrets are only ever credential IDs (Secret text); their values are read when used.
 */
@Extension
@Symbol("bellwether")
public final class BellwetherGlobalConfiguration extends GlobalConfiguration {
    private String registryPath;
    private String slackSigningSecretCredentialsId;
    private String slackBotTokenCredentialsId;
    private String slackUserMapping;
    private boolean mapSlackUsersByEmail = true;

    public BellwetherGlobalConfiguration() {
        load();
    }

    public static BellwetherGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(BellwetherGlobalConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "Bellwether";
    }

    /** A malformed user mapping is shown at its field instead of failing the whole page. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            UserMapping.parse(json.optString("slackUserMapping"));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "slackUserMapping");
        }
        return super.configure(req, json);
    }

    /** jobs.yaml on the controller: the intents the Slack command understands. */
    public String getRegistryPath() {
        return registryPath;
    }

    @DataBoundSetter
    public void setRegistryPath(String registryPath) {
        this.registryPath = Util.fixEmptyAndTrim(registryPath);
        save();
    }

    /** Secret text: the Slack app's signing secret, which proves a request comes from Slack. */
    public String getSlackSigningSecretCredentialsId() {
        return slackSigningSecretCredentialsId;
    }

    @DataBoundSetter
    public void setSlackSigningSecretCredentialsId(String id) {
        this.slackSigningSecretCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** Secret text, optional: a bot token (chat:write, users:read.email) for threads and e-mail mapping. */
    public String getSlackBotTokenCredentialsId() {
        return slackBotTokenCredentialsId;
    }

    @DataBoundSetter
    public void setSlackBotTokenCredentialsId(String id) {
        this.slackBotTokenCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** One {@code SLACK_USER_ID = jenkins-user} per line. */
    public String getSlackUserMapping() {
        return slackUserMapping;
    }

    @DataBoundSetter
    public void setSlackUserMapping(String slackUserMapping) {
        UserMapping.parse(slackUserMapping); // refuse a malformed mapping instead of storing it
        this.slackUserMapping = Util.fixEmptyAndTrim(slackUserMapping);
        save();
    }

    public boolean isMapSlackUsersByEmail() {
        return mapSlackUsersByEmail;
    }

    @DataBoundSetter
    public void setMapSlackUsersByEmail(boolean mapSlackUsersByEmail) {
        this.mapSlackUsersByEmail = mapSlackUsersByEmail;
        save();
    }

    /** Where chat sessions and the audit log live: JENKINS_HOME/bellwether/chat. */
    public File chatStateDir() {
        return new File(new File(Jenkins.get().getRootDir(), "bellwether"), "chat");
    }

    public ListBoxModel doFillSlackSigningSecretCredentialsIdItems(@QueryParameter String slackSigningSecretCredentialsId) {
        return secretTextItems(slackSigningSecretCredentialsId);
    }

    public ListBoxModel doFillSlackBotTokenCredentialsIdItems(@QueryParameter String slackBotTokenCredentialsId) {
        return secretTextItems(slackBotTokenCredentialsId);
    }

    @POST
    public FormValidation doCheckSlackUserMapping(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            final int entries = UserMapping.parse(value).explicit().size();
            return FormValidation.ok(entries == 0 ? "" : entries + (entries == 1 ? " Slack user" : " Slack users") + " mapped");
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckRegistryPath(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        final String path = Util.fixEmptyAndTrim(value);
        if (path == null) {
            return FormValidation.warning("Without a job registry the Slack command cannot run anything.");
        }
        return new File(path).isFile() ? FormValidation.ok() : FormValidation.error("No file " + path + " on the controller");
    }

    // Only administrators see which credentials exist; others keep the current value.
    private static ListBoxModel secretTextItems(String current) {
        final StandardListBoxModel items = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            items.includeCurrentValue(current);
            return items;
        }
        items.includeEmptyValue();
        items.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(), CredentialsMatchers.always());
        items.includeCurrentValue(current);
        return items;
    }
}
