package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Builds PowerShell invocations (`& 'script.ps1' -Name 'value' …`) for the `powershell` step,
 * with every value as a single-quoted literal. Inside '…' PowerShell expands nothing; the only
 * special characters are the quote characters themselves, and PowerShell treats the typographic
 * single quotes (U+2018, U+2019, U+201A, U+201B) as quotes too, so each of those is doubled.
 */
class PowerShellCommand implements Serializable {
    private static final long serialVersionUID = 1L

    private static final String QUOTE_CHARACTERS = "'\u2018\u2019\u201A\u201B"

    @NonCPS
    static String quote(Object value) {
        if (value == null) {
            throw new InvalidArgument('a PowerShell argument is missing (null)')
        }
        String text = value.toString()
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidArgument("a PowerShell argument contains a NUL character: ${ArgumentRules.shown(text)}")
        }
        StringBuilder literal = new StringBuilder("'")
        for (char c : text.toCharArray()) {
            literal.append(c)
            if (QUOTE_CHARACTERS.indexOf((int) c) >= 0) {
                literal.append(c)
            }
        }
        return literal.append("'").toString()
    }

    /**
     * `& 'path' -Name value …` with parameters in the given order. A list becomes an array
     * literal @('a','b'); an Integer stays a bare number; anything else is a quoted literal.
     */
    @NonCPS
    static String invoke(String scriptPath, Map parameters) {
        StringBuilder line = new StringBuilder('& ').append(quote(scriptPath))
        for (Map.Entry entry : parameters.entrySet()) {
            String name = entry.key.toString()
            if (!(name ==~ /[A-Za-z][A-Za-z0-9]*/)) {
                throw new InvalidArgument("not a PowerShell parameter name: ${ArgumentRules.shown(name)}")
            }
            line.append(' -').append(name).append(' ').append(literal(entry.value))
        }
        return line.toString()
    }

    @NonCPS
    private static String literal(Object value) {
        if (value instanceof Integer) {
            return value.toString()
        }
        if (value instanceof List) {
            List<String> items = []
            for (Object item : (List) value) {
                items.add(literal(item))
            }
            return '@(' + items.join(',') + ')'
        }
        return quote(value)
    }

    /** The script run by the `powershell` step: stop at the first error, then the invocations. */
    @NonCPS
    static String script(List<String> invocations) {
        return (['$ErrorActionPreference = \'Stop\''] + invocations).join('\n') + '\n'
    }
}
