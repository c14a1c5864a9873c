package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Whether a plugin is installed and active in the Jenkins running this library. Looked up by
 * reflection so the library also loads where Jenkins is absent (its tests): there the answer is
 * false, and the steps use the CLI.
 */
class JenkinsPlugins implements Serializable {
    private static final long serialVersionUID = 1L

    @NonCPS
    static boolean isActive(String shortName) {
        Class jenkins
        try {
            jenkins = Class.forName('jenkins.model.Jenkins', true, JenkinsPlugins.classLoader)
        } catch (ClassNotFoundException ignored) {
            return false
        }
        def instance = jenkins.getMethod('get').invoke(null)
        def plugin = instance.pluginManager.getPlugin(shortName)
        return plugin != null && plugin.isActive()
    }
}
