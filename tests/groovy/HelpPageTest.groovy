import io.bellwether.pipeline.EdgeOta
import io.bellwether.pipeline.ProgressiveDelivery

/** vars/bellwether.txt, the help Jenkins shows for the var: every step and setting documented, the HTML balanced. */
class HelpPageTest extends PipelineTestCase {

    private String help() {
        return new File(repository, 'shared-library/vars/bellwether.txt').text
    }

    void testEveryStepOfTheVarIsDocumented() {
        String var = new File(repository, 'shared-library/vars/bellwether.groovy').text
        List<String> steps = (var =~ /(?m)^(?:Map|boolean) (\w+)\(/).collect { it[1] }.unique()
        assert steps == ['decide', 'deploy', 'analyze', 'promote', 'rollback', 'notify', 'progressiveDelivery', 'pluginInstalled']
        steps.each { assert help().contains("bellwether.${it}(") || help().contains("bellwether.${it} {") }
    }

    void testEverySettingAndPlaceholderIsDocumented() {
        List<String> names = ProgressiveDelivery.LOOP_SETTINGS + ProgressiveDelivery.DECIDE_SETTINGS + ProgressiveDelivery.DEPLOY_SETTINGS
        List<String> missing = names.findAll { !help().contains("<code>${it}</code>") }
        assert missing == []
        EdgeOta.PLACEHOLDERS.each { assert help().contains("{${it}}") }
    }

    void testTheHtmlIsBalanced() {
        List<String> open = []
        (help() =~ /<(\/?)(p|b|h3|dl|dt|dd|pre|code)>/).each { all, closing, tag ->
            if (closing) {
                assert open && open[-1] == tag: "</${tag}> closes <${open ? open[-1] : 'nothing'}>"
                open.remove(open.size() - 1)
            } else {
                open << tag
            }
        }
        assert open == []
    }
}
