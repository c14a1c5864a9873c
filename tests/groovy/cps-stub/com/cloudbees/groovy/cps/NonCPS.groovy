package com.cloudbees.groovy.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * TEST DOUBLE of groovy-cps' @NonCPS annotation (com.cloudbees.groovy.cps.NonCPS), which
 * Jenkins provides and the Groovy test run does not have: same name, target and retention, so
 * the library's classes compile unchanged and the tests can find the annotated methods.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface NonCPS {
}
