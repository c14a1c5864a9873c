/*
 * Runs the shared library's tests with plain Groovy 2.4 (the version Jenkins runs):
 *   groovy -cp shared-library/src:tests/groovy/cps-stub:tests/groovy tests/groovy/run_tests.groovy CLI REPO [NAME-FILTER]
 * Every public no-argument method named test* of every tests/groovy/*Test.groovy class runs on
 * a fresh instance; a failed `assert` prints Groovy's power-assert diagram. Exit 1 on a failure.
 */
if (args.length < 2) {
    System.err.println('usage: run_tests.groovy BELLWETHER_CLI REPOSITORY [NAME-FILTER]')
    System.exit(2)
}
String cli = new File(args[0]).absolutePath
File repository = new File(args[1]).absoluteFile
String filter = args.length > 2 ? args[2] : null
assert new File(cli).canExecute(): "not an executable: ${cli}"

int passed = 0
List<String> failed = []
GroovyClassLoader loader = this.class.classLoader as GroovyClassLoader
List<File> files = new File(repository, 'tests/groovy').listFiles().findAll { it.name.endsWith('Test.groovy') }.sort { it.name }
for (File file : files) {
    Class testClass = loader.parseClass(file)
    List names = testClass.declaredMethods.findAll {
        it.name.startsWith('test') && it.parameterTypes.length == 0 && java.lang.reflect.Modifier.isPublic(it.modifiers)
    }*.name.sort()
    for (String name : names) {
        String id = "${testClass.simpleName}.${name}"
        if (filter && !id.contains(filter)) {
            continue
        }
        def test = testClass.newInstance()
        test.cli = cli
        test.repository = repository
        try {
            test."${name}"()
            passed++
            println "ok   ${id}"
        } catch (Throwable problem) {
            failed << id
            println "FAIL ${id}"
            println problem instanceof AssertionError ? problem.message : describe(problem)
        } finally {
            test.cleanup()
        }
    }
}
println "${passed} passed, ${failed.size()} failed"
failed.each { println "  failed: ${it}" }
System.exit(failed.isEmpty() && passed > 0 ? 0 : 1)

/** The exception and the frames in the library's and the tests' own files. */
static String describe(Throwable problem) {
    List<String> lines = ["${problem.class.name}: ${problem.message}".toString()]
    problem.stackTrace.findAll { it.fileName?.endsWith('.groovy') && it.lineNumber > 0 }.take(12).each {
        lines << "    at ${it.className}.${it.methodName}(${it.fileName}:${it.lineNumber})".toString()
    }
    if (problem.cause != null && problem.cause != problem) {
        lines << 'caused by ' + describe(problem.cause)
    }
    return lines.join('\n')
}
