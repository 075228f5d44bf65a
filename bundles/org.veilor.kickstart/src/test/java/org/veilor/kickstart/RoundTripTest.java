package org.veilor.kickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** parse → render → parse gives the same model, line numbers included, on a varied corpus. */
class RoundTripTest {

    static String corpus(String name) throws IOException {
        try (InputStream in = RoundTripTest.class.getResourceAsStream("/corpus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "lvm.ks", "btrfs.ks", "plain.ks", "raid.ks", "include.ks", "odd-quoting.ks" })
    void corpusRoundTrips(String name) throws Exception {
        String text = corpus(name);
        KickstartDocument first = KickstartParser.parse(text, name);
        String rendered = KickstartRenderer.render(first);
        KickstartDocument second = KickstartParser.parse(rendered, name);
        assertEquals(first, second);
        // and rendering is stable
        assertEquals(rendered, KickstartRenderer.render(second));
        assertFalse(first.items().isEmpty());
        assertEquals(text.lines().count(), rendered.lines().count(), "one line per line");
    }

    @ParameterizedTest
    @ValueSource(strings = { "lvm.ks", "btrfs.ks", "plain.ks", "raid.ks", "include.ks" })
    void plainlyWrittenFilesRenderByteForByte(String name) throws Exception {
        // These files use canonical quoting, so the renderer gives back the very same text.
        String text = corpus(name);
        List<String> original = text.lines().toList();
        List<String> rendered = KickstartRenderer.render(KickstartParser.parse(text, name)).lines().toList();
        for (int i = 0; i < original.size(); i++) {
            if (!original.get(i).contains("'") && !original.get(i).contains("\"")) {
                assertEquals(original.get(i), rendered.get(i), name + ":" + (i + 1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "odd-quoting.ks" })
    void oddQuotingKeepsEveryWord(String name) throws Exception {
        KickstartDocument d = KickstartParser.parse(corpus(name), name);
        assertEquals(List.of("--append=console=ttyS0,115200 \"quoted words\"", "--timeout", "1"),
                d.commands("bootloader").get(0).args());
        assertEquals(List.of("--name=o'brien", "--gecos=Dermot \"D\" O'Brien", "--password=pa ss#word", "--plaintext"),
                d.commands("user").get(0).args());
        assertEquals(List.of("name", "with\\backslash", "keep\\xescape"), d.commands("%odd").get(0).args());
        assertEquals(List.of("--vckeymap=", "--xlayouts=us"), d.commands("keyboard").get(0).args());
    }
}
