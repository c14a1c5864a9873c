import io.bellwether.pipeline.InvalidArgument
import io.bellwether.pipeline.PowerShellCommand
import io.bellwether.pipeline.ShellCommand

/** The one shell quoting function, checked by what bash really makes of its output. */
class ShellQuotingTest extends PipelineTestCase {
    static final List<String> HOSTILE = ["'; rm -rf / #", '$(id)', '`id`', 'a\nb', "it's", '\\', '"$HOME"', '*', '--help',
                                         '', ' leading and trailing ', '${IFS}', '!!', 'a;b|c&d>e<f', '\t', 'ünï ✓']

    void testEveryHostileValueStaysExactlyOneWord() {
        List<String> words = ['printf-target'] + HOSTILE
        assert PipelineHarness.wordsOf(ShellCommand.join(words)) == words
    }

    void testQuotingIsTheSingleQuoteForm() {
        assert ShellCommand.quote('plain') == "'plain'"
        assert ShellCommand.quote("it's") == "'it'\\''s'"
        assert ShellCommand.join(['helm', 'upgrade', '$(id)']) == "'helm' 'upgrade' '\$(id)'"
    }

    void testNulAndNullAreRefused() {
        try {
            ShellCommand.join(['a', 'b\u0000c'])
            assert false: 'a NUL must be refused'
        } catch (InvalidArgument expected) {
            assert expected.message.contains('NUL')
        }
        try {
            ShellCommand.join(['a', null])
            assert false: 'null must be refused'
        } catch (InvalidArgument expected) {
            assert expected.message.contains('missing')
        }
    }

    void testPowerShellLiteralsDoubleEveryQuoteCharacter() {
        assert PowerShellCommand.quote("O'Brien") == "'O''Brien'"
        // PowerShell also ends a '…' string at the typographic single quotes.
        assert PowerShellCommand.quote('a\u2019b\u2018c') == "'a\u2019\u2019b\u2018\u2018c'"
        assert PowerShellCommand.quote('$(Remove-Item C:\\ -Recurse)') == "'\$(Remove-Item C:\\ -Recurse)'"
        assert PowerShellCommand.invoke('./x/Set-ArrWeights.ps1', [Farm: "f'x", Servers: ['a', 'b'], Weights: [90, 10]]) ==
            "& './x/Set-ArrWeights.ps1' -Farm 'f''x' -Servers @('a','b') -Weights @(90,10)"
    }
}
