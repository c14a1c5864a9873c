package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The delegate of the progressiveDelivery { … } closure: assignments become settings, while
 * reading a name that was not set falls through to the Jenkinsfile (env, params, currentBuild,
 * the script's own variables), which a plain Map delegate would shadow with null.
 */
class DeliverySettings implements Serializable {
    private static final long serialVersionUID = 1L

    private final Map values = [:]

    @NonCPS
    Object getProperty(String name) {
        if (values.containsKey(name)) {
            return values[name]
        }
        throw new MissingPropertyException(name, DeliverySettings)
    }

    @NonCPS
    void setProperty(String name, Object value) {
        values[name] = value
    }

    @NonCPS
    Map asMap() {
        return new LinkedHashMap(values)
    }
}
