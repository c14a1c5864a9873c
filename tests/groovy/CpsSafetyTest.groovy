import io.bellwether.pipeline.BellwetherEngine
import io.bellwether.pipeline.Deployment
import io.bellwether.pipeline.Evidence
import io.bellwether.pipeline.JenkinsPlugins
import io.bellwether.pipeline.ProgressiveDelivery
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.CodeVisitorSupport
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.builder.AstBuilder
import org.codehaus.groovy.ast.expr.ClassExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.control.CompilePhase

/**
 * What Jenkins' CPS interpreter needs from the library, checked without Jenkins: state that
 * serializes (program.dat), and @NonCPS only on methods that call no step and no CPS method.
 */
class CpsSafetyTest extends PipelineTestCase {

    private List<File> sources() {
        return new File(repository, 'shared-library/src/io/bellwether/pipeline').listFiles().findAll { it.name.endsWith('.groovy') }.sort()
    }

    private static boolean nonCps(MethodNode method) {
        return method.annotations.any { it.classNode.name in ['NonCPS', 'com.cloudbees.groovy.cps.NonCPS'] }
    }

    void testEveryLibraryClassIsSerializable() {
        for (File source : sources()) {
            Class type = getClass().classLoader.loadClass('io.bellwether.pipeline.' + source.name - '.groovy')
            assert Serializable.isAssignableFrom(type): "${type.name} is not Serializable"
        }
    }

    void testNonCpsMethodsCallNoStepAndNoCpsMethod() {
        Map<String, ClassNode> classes = [:]
        for (File source : sources()) {
            new AstBuilder().buildFromString(CompilePhase.CONVERSION, false, source.text).findAll { it instanceof ClassNode }.each {
                classes[((ClassNode) it).nameWithoutPackage] = (ClassNode) it
            }
        }
        List<String> problems = []
        int checked = 0
        classes.each { String className, ClassNode type ->
            // The pipeline script, through which every step is called, is the untyped field `steps`.
            boolean holdsSteps = type.getField('steps')?.type?.name == 'java.lang.Object'
            Set<String> cpsMethods = type.methods.findAll { !nonCps(it) }*.name as Set
            for (MethodNode method : type.methods.findAll { nonCps(it) }) {
                checked++
                method.code?.visit(new CodeVisitorSupport() {
                    void visitMethodCallExpression(MethodCallExpression call) {
                        String where = "${className}.${method.name} (@NonCPS)"
                        def target = call.objectExpression
                        boolean onSteps = target instanceof VariableExpression && target.name == 'steps' ||
                            target instanceof PropertyExpression && target.propertyAsString == 'steps' && target.objectExpression.text == 'this'
                        if (holdsSteps && onSteps) {
                            problems << "${where} calls the step ${call.methodAsString}".toString()
                        } else if (call.implicitThis && call.methodAsString in cpsMethods) {
                            problems << "${where} calls the CPS method ${call.methodAsString}".toString()
                        } else if (target instanceof ClassExpression && classes[target.type.nameWithoutPackage]) {
                            checkStaticCall(classes[target.type.nameWithoutPackage], call.methodAsString, where, problems)
                        }
                        super.visitMethodCallExpression(call)
                    }

                    void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                        checkStaticCall(type, call.method, "${className}.${method.name} (@NonCPS)", problems)
                        super.visitStaticMethodCallExpression(call)
                    }
                })
            }
        }
        assert checked > 40
        assert problems == []
    }

    private static void checkStaticCall(ClassNode owner, String name, String where, List<String> problems) {
        List<MethodNode> candidates = owner.methods.findAll { it.name == name }
        if (candidates && !candidates.every { nonCps(it) }) {
            problems << "${where} calls the CPS method ${owner.nameWithoutPackage}.${name}".toString()
        }
    }

    void testTheVarDeclaresNoNonCpsMethod() {
        assert !new File(repository, 'shared-library/vars/bellwether.groovy').text.contains('@NonCPS')
    }

    /**
     * The loop's whole state after a run, written the way CPS writes program.dat: the script
     * object (`steps`) is replaced by a placeholder, everything else must serialize as is.
     */
    void testTheLoopStateSerializesLikeProgramDat() {
        PipelineHarness h = harness()
        Evidence evidence = new Evidence(null)
        ProgressiveDelivery loop = new ProgressiveDelivery(h.bellwether, new BellwetherEngine(h.bellwether, false, cli, evidence),
                                                           new Deployment(h.bellwether, '.bellwether/scripts'))
        loop.run([changes: examplePath('changes.json'), at: '2026-11-24T14:00:00Z', waitForPause: false,
                  target: 'k8s', tool: 'argo', namespace: 'shop', rollout: 'checkout', image: 'registry.example.com/shop/checkout', tag: '1.4.2',
                  analysis: [config: examplePath('slo.yaml'), metrics: examplePath('metrics.csv')]])

        byte[] programDat = ProgramDat.write(loop, h.bellwether)
        ProgressiveDelivery copy = (ProgressiveDelivery) ProgramDat.read(programDat, ProgressiveDelivery.classLoader)
        assert copy.decision.strategy == 'canary'
        assert copy.outcomes*.action == ['promote', 'promote', 'promote']
        assert copy.steps == ProgramDat.SCRIPT_PLACEHOLDER
    }

    void testWithoutJenkinsThePluginCountsAsAbsent() {
        assert !JenkinsPlugins.isActive('bellwether')
    }

    /** JenkinsPlugins compiled next to a TEST DOUBLE of jenkins.model.Jenkins that lists plugins. */
    void testThePluginIsFoundThroughJenkinsPluginManager() {
        GroovyClassLoader loader = new GroovyClassLoader(getClass().classLoader.parent)
        loader.addClasspath(new File(repository, 'tests/groovy/cps-stub').path)
        loader.parseClass('''
            package jenkins.model
            // TEST DOUBLE of jenkins.model.Jenkins: only get().pluginManager.getPlugin(name).isActive()
            class Jenkins {
                static Map<String, Boolean> plugins = [:]
                static Jenkins get() { new Jenkins() }
                Map getPluginManager() { [getPlugin: { String n -> plugins.containsKey(n) ? [isActive: { -> plugins[n] }] : null }] }
            }''')
        loader.parseClass(new File(repository, 'shared-library/src/io/bellwether/pipeline/InvalidArgument.groovy'))
        Class plugins = loader.parseClass(new File(repository, 'shared-library/src/io/bellwether/pipeline/JenkinsPlugins.groovy'))
        Class jenkins = loader.loadClass('jenkins.model.Jenkins')
        assert !plugins.isActive('bellwether')
        jenkins.plugins = [bellwether: false]
        assert !plugins.isActive('bellwether')
        jenkins.plugins = [bellwether: true]
        assert plugins.isActive('bellwether')
    }
}
