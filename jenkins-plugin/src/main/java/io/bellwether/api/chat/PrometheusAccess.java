package io.bellwether.api.chat;

import com.google.gson.JsonObject;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The Prometheus that {@code bellwetherAnalyze} reads, as Jenkins configures it: a URL, a bearer
 * token or a username and password from a credential, and an optional tenant header (such as
 * {@code X-Scope-OrgID} for Mimir or Cortex). It travels to the agent inside the step's callable
 * and becomes the analyze request's {@code prometheus} field, which overrides the connection in
 * slo.yaml. The secrets are never shown: {@link #toString()} says only which kind of credential
 * there is.
 *
 * @param url null keeps the URL of slo.yaml
 * @param token a bearer token, or null
 * @param username with {@code password}: basic auth, or null
 * @param headerName with {@code headerValue}: a header sent with every query, or null
 */
public record PrometheusAccess(String url, String token, String username, String password, String headerName,
        String headerValue) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PrometheusAccess {
        url = blankToNull(url);
        headerName = blankToNull(headerName);
        headerValue = blankToNull(headerValue);
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("the Prometheus URL must start with http:// or https://");
        }
        if (token != null && username != null) {
            throw new IllegalArgumentException("a Prometheus credential is a token or a username and password, not both");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("basic auth for Prometheus needs both a username and a password");
        }
        final String badName = headerNameProblem(headerName);
        if (badName != null) {
            throw new IllegalArgumentException(badName);
        }
        if ((headerName == null) != (headerValue == null)) {
            throw new IllegalArgumentException("the Prometheus tenant header needs both a name and a value");
        }
        if (hasControlCharacters(token) || hasControlCharacters(headerValue)) {
            throw new IllegalArgumentException("a Prometheus token or header value must not contain control characters");
        }
    }

    /** No credential: the URL (or null) and the tenant header (or nulls). */
    public static PrometheusAccess of(String url, String headerName, String headerValue) {
        return new PrometheusAccess(url, null, null, null, headerName, headerValue);
    }

    public PrometheusAccess withToken(String bearerToken) {
        return new PrometheusAccess(url, bearerToken, null, null, headerName, headerValue);
    }

    public PrometheusAccess withUsernameAndPassword(String user, String pass) {
        return new PrometheusAccess(url, null, user, pass, headerName, headerValue);
    }

    /** Nothing to override: slo.yaml's connection is used as it is. */
    public boolean isEmpty() {
        return url == null && token == null && username == null && headerName == null;
    }

    /**
     * Why a tenant header name cannot be sent (not an HTTP token, or Authorization, which the
     * credential sets), or null when it can; null names are fine.
     */
    public static String headerNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (!name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))) {
            return "\"" + name + "\" is not a valid HTTP header name";
        }
        if (name.equalsIgnoreCase("Authorization")) {
            return "Authorization is set from the Prometheus credential; name the tenant header instead";
        }
        return null;
    }

    /** The analyze request's {@code prometheus} object. */
    JsonObject toJson() {
        final JsonObject p = new JsonObject();
        if (url != null) {
            p.addProperty("url", url);
        }
        if (token != null) {
            p.addProperty("token", token);
        }
        if (username != null) {
            p.addProperty("username", username);
            p.addProperty("password", password);
        }
        if (headerName != null) {
            final JsonObject headers = new JsonObject();
            headers.addProperty(headerName, headerValue);
            p.add("headers", headers);
        }
        return p;
    }

    @Override
    public String toString() {
        final String credential = token != null ? "bearer token" : username != null ? "basic auth as " + username : "none";
        return "PrometheusAccess[url=" + (url == null ? "from slo.yaml" : withoutUserInfo(url)) + ", credential="
                + credential + (headerName == null ? "" : ", header=" + headerName) + "]";
    }

    private static String withoutUserInfo(String url) {
        try {
            final URI u = new URI(url);
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "(not shown)";
        }
    }

    private static boolean hasControlCharacters(String s) {
        return s != null && s.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
