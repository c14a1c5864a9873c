package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The one place where an argument list becomes a POSIX shell command line. Each argument is
 * wrapped in single quotes, inside which the shell expands nothing ($, `, \, newlines and
 * globs stay literal); a single quote itself is closed, escaped and reopened ('\''). The
 * result is therefore always exactly the given words, whatever they contain.
 */
class ShellCommand implements Serializable {
    private static final long serialVersionUID = 1L

    @NonCPS
    static String quote(Object argument) {
        if (argument == null) {
            throw new InvalidArgument('a command argument is missing (null)')
        }
        String text = argument.toString()
        // A NUL cannot be part of an argv word: the shell would silently cut the word there.
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidArgument("a command argument contains a NUL character: ${ArgumentRules.shown(text)}")
        }
        return "'" + text.replace("'", "'\\''") + "'"
    }

    @NonCPS
    static String join(List arguments) {
        if (arguments == null || arguments.isEmpty()) {
            throw new InvalidArgument('a command needs at least the program name')
        }
        List<String> quoted = []
        for (Object argument : arguments) {
            quoted.add(quote(argument))
        }
        return quoted.join(' ')
    }
}
