package io.bellwether.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.bellwether.api.chat.PrometheusAccess;
import io.bellwether.api.chat.UserMapping;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code unclassified: bellwether: {registryPath: …, slackSigningSecretCredentialsId: …,
 * prometheusUrl: …, slackWebhookCredentialsId: …}}. Secrets are only ever credential IDs (Secret
 * text, or Username with password for Prometheus); their values are read when used.
 */
@Extension
@Symbol("bellwether")
public final class BellwetherGlobalConfiguration extends GlobalConfiguration {
    private String registryPath;
    private String slackSigningSecretCredentialsId;
    private String slackBotTokenCredentialsId;
    private String slackUserMapping;
    private boolean mapSlackUsersByEmail = true;
    private String prometheusUrl;
    private String prometheusCredentialsId;
    private String prometheusTenantHeader;
    private String prometheusTenantId;
    private String slackWebhookCredentialsId;
    private String teamsWebhookCredentialsId;
    private String discordWebhookCredentialsId;
    private String webhookCredentialsId;

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

    /** A malformed user mapping or Prometheus setting is shown at its field instead of failing the whole page. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            UserMapping.parse(json.optString("slackUserMapping"));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "slackUserMapping");
        }
        try {
            PrometheusAccess.of(json.optString("prometheusUrl"), null, null);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "prometheusUrl");
        }
        try {
            PrometheusAccess.of(null, json.optString("prometheusTenantHeader"), json.optString("prometheusTenantId"));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "prometheusTenantHeader");
        }
        return super.configure(req, json);
    }

    /**
     * The configured Prometheus without its credential (the URL, or null for slo.yaml's, and the
     * tenant header); the step adds the credential it is allowed to use.
     */
    public PrometheusAccess prometheus(String urlOverride) {
        return PrometheusAccess.of(urlOverride != null ? urlOverride : prometheusUrl, prometheusTenantHeader,
                prometheusTenantId);
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

    /** The Prometheus bellwetherAnalyze reads unless the step names another; overrides slo.yaml's URL. */
    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    @DataBoundSetter
    public void setPrometheusUrl(String prometheusUrl) {
        PrometheusAccess.of(prometheusUrl, null, null); // refuse a URL that is not http(s)
        this.prometheusUrl = Util.fixEmptyAndTrim(prometheusUrl);
        save();
    }

    /** Secret text (a bearer token) or Username with password (basic auth) for Prometheus. */
    public String getPrometheusCredentialsId() {
        return prometheusCredentialsId;
    }

    @DataBoundSetter
    public void setPrometheusCredentialsId(String id) {
        this.prometheusCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** A header sent with every query, for multi-tenant Prometheus APIs: X-Scope-OrgID (Mimir, Cortex). */
    public String getPrometheusTenantHeader() {
        return prometheusTenantHeader;
    }

    @DataBoundSetter
    public void setPrometheusTenantHeader(String name) {
        final String problem = PrometheusAccess.headerNameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.prometheusTenantHeader = Util.fixEmptyAndTrim(name);
        save();
    }

    /** The tenant header's value, e.g. the Mimir tenant ID. */
    public String getPrometheusTenantId() {
        return prometheusTenantId;
    }

    @DataBoundSetter
    public void setPrometheusTenantId(String value) {
        this.prometheusTenantId = Util.fixEmptyAndTrim(value);
        save();
    }

    /** Secret text: the Slack incoming-webhook URL bellwetherNotify(to: 'slack') uses by default. */
    public String getSlackWebhookCredentialsId() {
        return slackWebhookCredentialsId;
    }

    @DataBoundSetter
    public void setSlackWebhookCredentialsId(String id) {
        this.slackWebhookCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** Secret text: the Teams (Workflows) webhook URL for bellwetherNotify(to: 'teams'). */
    public String getTeamsWebhookCredentialsId() {
        return teamsWebhookCredentialsId;
    }

    @DataBoundSetter
    public void setTeamsWebhookCredentialsId(String id) {
        this.teamsWebhookCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** Secret text: the Discord webhook URL for bellwetherNotify(to: 'discord'). */
    public String getDiscordWebhookCredentialsId() {
        return discordWebhookCredentialsId;
    }

    @DataBoundSetter
    public void setDiscordWebhookCredentialsId(String id) {
        this.discordWebhookCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** Secret text: a generic JSON webhook URL for bellwetherNotify(to: 'webhook'). */
    public String getWebhookCredentialsId() {
        return webhookCredentialsId;
    }

    @DataBoundSetter
    public void setWebhookCredentialsId(String id) {
        this.webhookCredentialsId = Util.fixEmptyAndTrim(id);
        save();
    }

    /** Target (slack, teams, discord, webhook) → its default webhook credential ID, for those set. */
    public Map<String, String> webhookCredentialsIds() {
        final Map<String, String> ids = new LinkedHashMap<>();
        putIfSet(ids, "slack", slackWebhookCredentialsId);
        putIfSet(ids, "teams", teamsWebhookCredentialsId);
        putIfSet(ids, "discord", discordWebhookCredentialsId);
        putIfSet(ids, "webhook", webhookCredentialsId);
        return ids;
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

    public ListBoxModel doFillSlackWebhookCredentialsIdItems(@QueryParameter String slackWebhookCredentialsId) {
        return secretTextItems(slackWebhookCredentialsId);
    }

    public ListBoxModel doFillTeamsWebhookCredentialsIdItems(@QueryParameter String teamsWebhookCredentialsId) {
        return secretTextItems(teamsWebhookCredentialsId);
    }

    public ListBoxModel doFillDiscordWebhookCredentialsIdItems(@QueryParameter String discordWebhookCredentialsId) {
        return secretTextItems(discordWebhookCredentialsId);
    }

    public ListBoxModel doFillWebhookCredentialsIdItems(@QueryParameter String webhookCredentialsId) {
        return secretTextItems(webhookCredentialsId);
    }

    public ListBoxModel doFillPrometheusCredentialsIdItems(@QueryParameter String prometheusCredentialsId) {
        final StandardListBoxModel items = new StandardListBoxModel();
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            items.includeCurrentValue(prometheusCredentialsId);
            return items;
        }
        items.includeEmptyValue();
        items.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(),
                CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StringCredentials.class),
                        CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)));
        items.includeCurrentValue(prometheusCredentialsId);
        return items;
    }

    @POST
    public FormValidation doCheckPrometheusUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            PrometheusAccess.of(value, null, null);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckPrometheusTenantHeader(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        final String problem = PrometheusAccess.headerNameProblem(value);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
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

    private static void putIfSet(Map<String, String> ids, String target, String id) {
        if (id != null) {
            ids.put(target, id);
        }
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
