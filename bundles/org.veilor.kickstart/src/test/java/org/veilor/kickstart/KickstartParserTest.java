package org.veilor.kickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KickstartParserTest {

    private static KickstartDocument parse(String text) throws KickstartSyntaxException {
        return KickstartParser.parse(text, "t.ks");
    }

    private static KickstartSyntaxException error(String text) {
        return assertThrows(KickstartSyntaxException.class, () -> parse(text));
    }

    @Test
    void commandsAreSplitWithShellQuoting() throws Exception {
        KickstartDocument d = parse("bootloader --append=\"a b\" --timeout 1\n"
                + "user --name='o'\\''brien' --gecos=\"say \\\"hi\\\" \\x\"\n"
                + "network --hostname=a\\ b\n");
        List<KsCommand> c = d.commands();
        assertEquals(List.of("--append=a b", "--timeout", "1"), c.get(0).args());
        assertEquals(List.of("--name=o'brien", "--gecos=say \"hi\" \\x"), c.get(1).args());
        assertEquals(List.of("--hostname=a b"), c.get(2).args());
        assertEquals(List.of(1, 2, 3), c.stream().map(KsCommand::line).toList());
    }

    @Test
    void anUnquotedHashStartsACommentEvenInsideAWord() throws Exception {
        KsCommand c = parse("lang en_US.UTF-8#glued\npart / --label='a#b' # tail\n").commands().get(0);
        assertEquals(List.of("en_US.UTF-8"), c.args());
        assertEquals("glued", c.comment());
        KsCommand p = parse("part / --label='a#b' # tail\n").commands().get(0);
        assertEquals(List.of("/", "--label=a#b"), p.args());
        assertEquals(" tail", p.comment());
        assertNull(parse("reboot\n").commands().get(0).comment());
    }

    @Test
    void sectionsKeepTheirBodyVerbatimWithLineNumbers() throws Exception {
        KickstartDocument d = parse("text\n%post --nochroot --log=\"/tmp/a b\"\n  x 'unclosed\n%include y\n# c\n%end\nreboot\n");
        KsSection s = d.sections().get(0);
        assertEquals("%post", s.name());
        assertEquals(List.of("--nochroot", "--log=/tmp/a b"), s.args());
        assertEquals(List.of("  x 'unclosed", "%include y", "# c"), s.body());
        assertEquals(2, s.line());
        assertEquals(6, s.endLine());
        assertEquals(3, s.bodyLine(0));
        assertEquals(7, d.commands("reboot").get(0).line());
    }

    @Test
    void includesAndCommentsAreItems() throws Exception {
        KickstartDocument d = parse("# hello\n\n%include /tmp/part-include\n%ksappend http://x/y.ks\n");
        assertEquals(new KsComment(1, "# hello"), d.items().get(0));
        assertEquals(new KsComment(2, ""), d.items().get(1));
        assertEquals(new KsInclude(3, "%include", "/tmp/part-include", null), d.items().get(2));
        assertEquals("%ksappend", d.includes().get(1).directive());
    }

    @Test
    void crlfLinesParseLikeLfLines() throws Exception {
        assertEquals(parse("text\nreboot\n"), parse("text\r\nreboot\r\n"));
    }

    @Test
    void syntaxErrorsNameTheirLine() {
        assertEquals(2, error("text\npart / --label='open\n").line());
        assertEquals("No closing quotation", error("text\npart / --label='open\n").problem());
        assertEquals("No escaped character", error("a\nb\nlang x\\").problem());
        assertEquals(3, error("a\nb\nlang x\\").line());
        KickstartSyntaxException missingEnd = error("text\n%post\necho\n");
        assertEquals(2, missingEnd.line());
        assertEquals("Section %post does not end with %end.", missingEnd.problem());
        KickstartSyntaxException nested = error("%pre\necho\n%post\n%end\n");
        assertEquals(1, nested.line());
        assertTrue(nested.problem().contains("%post starts on line 3"), nested.problem());
        assertEquals("Unknown kickstart section: %foo", error("text\n\n%foo bar\n").problem());
        assertEquals(3, error("text\n\n%foo bar\n").line());
        assertEquals(1, error("%end\n").line());
        assertEquals("%include takes exactly one file name", error("%include a b\n").problem());
        assertTrue(error("x\n%pre\n").getMessage().startsWith("t.ks:2: "));
    }
}
