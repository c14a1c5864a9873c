package io.bellwether.jenkins;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Queue;
import hudson.model.SimpleParameterDefinition;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.tasks.Mailer;
import io.bellwether.api.chat.ChatThread;
import io.bellwether.api.chat.SlashCommandService;
import io.bellwether.api.chat.TriggeredJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Jenkins' users, permissions and queue for the Slack service. The service's request thread is
 * anonymous, so lookups run as SYSTEM and every permission is checked for the mapped user.
 */
@SuppressWarnings("try") // the ACL context is held for its scope, not referenced
final class JenkinsChatSide implements SlashCommandService.JenkinsSide {
    private static final Logger LOG = Logger.getLogger(JenkinsChatSide.class.getName());

    @Override
    public Map<String, String> userAddresses() {
        final Map<String, String> addresses = new LinkedHashMap<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (User user : User.getAll()) {
                final Mailer.UserProperty mail = user.getProperty(Mailer.UserProperty.class);
                // Only an address set in the profile: an inferred one (ID + default domain) is a guess.
                final String address = mail == null ? null : mail.getExplicitlyConfiguredAddress();
                if (address != null) {
                    addresses.put(user.getId(), address);
                }
            }
        }
        return addresses;
    }

    @Override
    public SlashCommandService.Access access(String jenkinsUser, String jobName) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            final Job<?, ?> job = Jenkins.get().getItemByFullName(jobName, Job.class);
            if (job == null) {
                return SlashCommandService.Access.NOT_FOUND;
            }
            final User user = User.getById(jenkinsUser, false);
            if (user == null) {
                return SlashCommandService.Access.DENIED;
            }
            final Authentication as;
            try {
                as = user.impersonate2();
            } catch (AuthenticationException e) {
                LOG.info("Jenkins user " + jenkinsUser + " cannot be impersonated: " + e.getMessage());
                return SlashCommandService.Access.DENIED;
            }
            if (!job.hasPermission2(as, Item.READ)) {
                return SlashCommandService.Access.NOT_FOUND;
            }
            if (!job.hasPermission2(as, Item.BUILD)) {
                return SlashCommandService.Access.DENIED;
            }
            return job.isBuildable() ? SlashCommandService.Access.ALLOWED : SlashCommandService.Access.NOT_BUILDABLE;
        }
    }

    @Override
    public List<String> parameterNames(String jobName) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            final Job<?, ?> job = Jenkins.get().getItemByFullName(jobName, Job.class);
            final ParametersDefinitionProperty definitions =
                    job == null ? null : job.getProperty(ParametersDefinitionProperty.class);
            return definitions == null ? List.of() : definitions.getParameterDefinitionNames();
        }
    }

    @Override
    public void schedule(String jenkinsUser, TriggeredJob request, ChatThread thread) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            final Job<?, ?> job = Jenkins.get().getItemByFullName(request.job(), Job.class);
            if (job == null) {
                throw new IllegalStateException("the job no longer exists");
            }
            final List<Action> actions = new ArrayList<>();
            actions.add(new CauseAction(new Cause.UserIdCause(jenkinsUser)));
            actions.add(new SlackThreadAction(thread));
            final ParametersDefinitionProperty definitions = job.getProperty(ParametersDefinitionProperty.class);
            if (definitions != null) {
                actions.add(new ParametersAction(values(definitions, request.parameters())));
            }
            final Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, -1, actions.toArray(new Action[0]));
            if (item == null) {
                throw new IllegalStateException("Jenkins refused to queue it (the job is disabled or a queue rule rejected it)");
            }
            LOG.info("Queued " + request.job() + " for " + jenkinsUser + " from Slack user " + thread.slackUserId());
        }
    }

    // Every parameter the job defines: the requested value, or the job's own default.
    private static List<ParameterValue> values(ParametersDefinitionProperty definitions, Map<String, String> requested) {
        final List<ParameterValue> values = new ArrayList<>();
        for (ParameterDefinition definition : definitions.getParameterDefinitions()) {
            final String given = requested.get(definition.getName());
            final ParameterValue value;
            if (given == null) {
                value = definition.getDefaultParameterValue();
            } else if (definition instanceof SimpleParameterDefinition simple) {
                value = simple.createValue(given); // refuses a value the definition does not accept
            } else {
                throw new IllegalStateException("parameter " + definition.getName() + " is of type "
                        + definition.getType() + ", which cannot be set from chat");
            }
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
