package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Strict patterns for every value that ends up in an external command. A value either matches
 * the pattern of what it names (a Helm release, a namespace, an image tag, an IIS site …) or
 * the step fails with a message that says what was expected. Quoting (ShellCommand,
 * PowerShellCommand) already makes hostile text harmless to the shell; these rules keep it from
 * reaching Helm, kubectl or IIS as a surprising name in the first place.
 */
class ArgumentRules implements Serializable {
    private static final long serialVersionUID = 1L

    private static final String DNS_LABEL = /[a-z0-9]([-a-z0-9]*[a-z0-9])?/
    private static final String DOMAIN_COMPONENT = /(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])/
    private static final String PATH_COMPONENT = /[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*/
    private static final String IMAGE_REPOSITORY =
        "(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*"
    private static final String GIT_REVISION = /[A-Za-z0-9_][A-Za-z0-9_.\/~^@{}+-]*/
    private static final String RFC3339 =
        /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})/

    /** The value as it may appear in a message: control characters visible, at most 80 chars. */
    @NonCPS
    static String shown(Object value) {
        if (value == null) {
            return 'null'
        }
        String text = value.toString()
        StringBuilder out = new StringBuilder()
        for (char c : text.toCharArray()) {
            if (c == '\n' as char) {
                out.append('\\n')
            } else if (c == '\r' as char) {
                out.append('\\r')
            } else if (c == '\t' as char) {
                out.append('\\t')
            } else if (Character.isISOControl(c)) {
                out.append(String.format('\\u%04x', (int) c))
            } else {
                out.append(c)
            }
        }
        String visible = out.toString()
        if (visible.length() > 80) {
            visible = visible.substring(0, 77) + '...'
        }
        return '"' + visible + '"'
    }

    @NonCPS
    private static String matching(String what, Object value, String pattern, int maxLength, String expected) {
        if (value == null) {
            throw new InvalidArgument("${what}: required (${expected})")
        }
        String text = value.toString()
        if (text.length() > maxLength || !(text ==~ pattern)) {
            throw new InvalidArgument("${what}: ${shown(text)} is not valid: expected ${expected}")
        }
        return text
    }

    @NonCPS
    static String helmRelease(Object value) {
        return matching('release', value, DNS_LABEL, 53,
            "a Helm release name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 53 characters)")
    }

    @NonCPS
    static String namespace(Object value) {
        return matching('namespace', value, DNS_LABEL, 63,
            "a Kubernetes namespace (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)")
    }

    /** Deployments, Rollouts, Services: a DNS-1123 subdomain. */
    @NonCPS
    static String kubernetesName(String what, Object value) {
        return matching(what, value, "${DNS_LABEL}(\\.${DNS_LABEL})*", 253,
            "a Kubernetes object name (lowercase letters, digits, '-' and '.', at most 253 characters)")
    }

    @NonCPS
    static String containerName(Object value) {
        return matching('container', value, DNS_LABEL, 63,
            "a container name (lowercase letters, digits and '-', at most 63 characters)")
    }

    @NonCPS
    static String imageRepository(Object value) {
        return matching('image', value, IMAGE_REPOSITORY, 255,
            "an image repository without tag, e.g. registry.example.com/shop/checkout")
    }

    @NonCPS
    static String imageTag(Object value) {
        return matching('tag', value, /[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}/, 128,
            "an image tag (letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters)")
    }

    @NonCPS
    static String chart(Object value) {
        return matching('chart', value, /(oci:\/\/)?[A-Za-z0-9_][A-Za-z0-9_.\/:-]*/, 255,
            "a Helm chart reference (repo/chart, a path or oci://registry/chart)")
    }

    @NonCPS
    static String chartVersion(Object value) {
        return matching('chartVersion', value, /[A-Za-z0-9_^~=<>.* +-]+/, 64, "a chart version or constraint")
    }

    @NonCPS
    static String helmValueKey(Object value) {
        return matching('set key', value, /[A-Za-z0-9_][A-Za-z0-9_.\[\]-]*/, 253,
            "a Helm value path such as image.tag or ingress.hosts[0]")
    }

    /** --set-string value: Helm's own parser splits at ',' and reads '\' as an escape. */
    @NonCPS
    static String helmValue(String key, Object value) {
        if (value == null) {
            throw new InvalidArgument("set ${key}: a value is required")
        }
        String text = value.toString()
        if (text.contains('\n') || text.contains('\r') || text.contains('\u0000')) {
            throw new InvalidArgument("set ${key}: ${shown(text)} is not valid: expected a single-line value")
        }
        return text.replace('\\', '\\\\').replace(',', '\\,')
    }

    @NonCPS
    static String labelKey(Object value) {
        return matching('colorLabel', value, /([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?/, 253,
            'a Kubernetes label key such as color or app.example.com/color')
    }

    @NonCPS
    static String strategy(Object value) {
        return matching('strategy', value, /canary|rolling|bluegreen/, 9, 'canary, rolling or bluegreen')
    }

    @NonCPS
    static String color(String what, Object value) {
        return matching(what, value, /blue|green/, 5, 'blue or green')
    }

    @NonCPS
    static String iisSite(String what, Object value) {
        return matching(what, value, /[A-Za-z0-9][A-Za-z0-9 ._-]*/, 64,
            "an IIS site name (letters, digits, spaces, '.', '_' and '-', at most 64 characters)")
    }

    @NonCPS
    static String arrFarm(Object value) {
        return matching('farm', value, /[A-Za-z0-9][A-Za-z0-9 ._-]*/, 64,
            "an ARR server farm name (letters, digits, spaces, '.', '_' and '-', at most 64 characters)")
    }

    @NonCPS
    static String hostName(String what, Object value) {
        return matching(what, value, "${DOMAIN_COMPONENT}(\\.${DOMAIN_COMPONENT})*", 253,
            'a host name or IPv4 address')
    }

    @NonCPS
    static String iisBinding(Object value) {
        return matching('binding', value, /(\*|[0-9.]+|\[[0-9A-Fa-f:]+\]):[0-9]{1,5}:[A-Za-z0-9.-]*/, 255,
            "IIS binding information IP:port:host, e.g. *:443:checkout.example.com")
    }

    @NonCPS
    static String protocol(Object value) {
        return matching('protocol', value, /https?/, 5, 'http or https')
    }

    /**
     * A file or directory path handed to a tool. Quoting keeps any character literal, so only
     * what no tool would read as a path is refused: line breaks, NUL, and a leading '-' (an
     * option to the program).
     */
    @NonCPS
    static String path(String what, Object value) {
        if (value == null || value.toString().isEmpty()) {
            throw new InvalidArgument("${what}: a path is required")
        }
        String text = value.toString()
        if (text.startsWith('-') || text.contains('\n') || text.contains('\r') || text.contains('\u0000')) {
            throw new InvalidArgument("${what}: ${shown(text)} is not valid: expected a path on one line, not starting with '-'")
        }
        return text
    }

    @NonCPS
    static String gitRange(Object value) {
        return matching('gitRange', value, "${GIT_REVISION}\\.\\.\\.?${GIT_REVISION}", 255,
            "a git range A..B of revisions (letters, digits and _ . / ~ ^ @ { } + -, not starting with '-')")
    }

    @NonCPS
    static String variableName(Object value) {
        return matching('vars name', value, /[A-Za-z_][A-Za-z0-9_]*/, 64, 'a name of letters, digits and _')
    }

    /** A value for `--var name=value`: it becomes part of a PromQL label matcher, so one line. */
    @NonCPS
    static String variableValue(String name, Object value) {
        if (value == null) {
            throw new InvalidArgument("vars.${name}: a value is required")
        }
        String text = value.toString()
        if (text.contains('\u0000')) {
            throw new InvalidArgument("vars.${name}: ${shown(text)} contains a NUL character")
        }
        return text
    }

    @NonCPS
    static String time(String what, Object value) {
        return matching(what, value, "[0-9]+(\\.[0-9]+)?|${RFC3339}", 40, 'unix seconds or RFC 3339 (2026-11-24T10:00:00Z)')
    }

    @NonCPS
    static String duration(String what, Object value) {
        return matching(what, value, /([0-9]+(ms|s|m|h))+/, 32, 'a duration such as 90s, 5m or 1h30m')
    }

    @NonCPS
    static String chatService(Object value) {
        return matching('to', value, /slack|teams|discord|webhook/, 16, 'slack, teams, discord or webhook')
    }

    @NonCPS
    static String otaValue(String what, Object value) {
        return matching(what, value, /[A-Za-z0-9][A-Za-z0-9._:+-]*/, 128,
            "letters, digits and . _ : + - (at most 128 characters)")
    }

    @NonCPS
    static String failOn(Object value) {
        return matching('failOn', value, /slow|rollback/, 8, 'slow or rollback')
    }

    /** A traffic weight or fleet share in percent: a whole number from 0 to 100. */
    @NonCPS
    static int weight(Object value) {
        BigDecimal number
        try {
            number = new BigDecimal(value.toString().trim())
        } catch (NumberFormatException | NullPointerException ignored) {
            throw new InvalidArgument("weight: ${shown(value)} is not valid: expected a whole percentage from 0 to 100")
        }
        if (number.signum() < 0 || number > 100 || number.stripTrailingZeros().scale() > 0) {
            throw new InvalidArgument("weight: ${shown(value)} is not valid: expected a whole percentage from 0 to 100")
        }
        return number.intValueExact()
    }

    @NonCPS
    static int positiveCount(String what, Object value) {
        if (value == null || !(value.toString() ==~ /[1-9][0-9]{0,5}/)) {
            throw new InvalidArgument("${what}: ${shown(value)} is not valid: expected a positive whole number")
        }
        return Integer.parseInt(value.toString())
    }
}
