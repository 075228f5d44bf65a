package org.veilor.kickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.veilor.core.ReleaseStage;

/**
 * Property test of the parser on random and mutated input: every input either parses — and then
 * renders to text that parses to the same model, and validates without an exception — or fails
 * with exactly one {@link KickstartSyntaxException} whose line lies inside the input. Seeds are
 * fixed so a failure reproduces; {@code -Dkickstart.fuzz.seed=N} explores other ones.
 */
class ParserFuzzTest {

    private static final long SEED = Long.getLong("kickstart.fuzz.seed", 20260811L);
    private static final int CASES = Integer.getInteger("kickstart.fuzz.cases", 4000);
    /** Characters that matter to the grammar, weighted in. */
    private static final String SPECIAL = "'\"\\# \t\r\n%=-\u00a0\u000b";
    private static final String[] WORDS = { "%pre", "%post", "%end", "%packages", "%include", "%ksappend", "%addon",
            "%onerror", "%anaconda", "part", "/", "--encrypted", "ostreecontainer", "--url=", "bootc", "zerombr",
            "clearpart", "--all", "raid", "raid.01", "btrfs", "--subvol", "volgroup", "pv.01", "logvol", "--vgname=vg",
            "bootc switch", "rpm-ostree rebase", "<<EOF", "EOF", "ExecStart=", "\\", "'", "\"", "#", "%" };

    @Test
    void randomTextParsesOrFailsWithOneLocatedSyntaxError() {
        Random r = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            check(randomText(r), "random #" + i + " (seed " + SEED + ")");
        }
    }

    @Test
    void mutatedKickstartsParseOrFailWithOneLocatedSyntaxError() throws Exception {
        Random r = new Random(SEED + 1);
        List<String> corpus = new ArrayList<>();
        for (String n : List.of("lvm.ks", "btrfs.ks", "plain.ks", "raid.ks", "include.ks", "odd-quoting.ks")) {
            corpus.add(RoundTripTest.corpus(n));
        }
        for (int i = 0; i < CASES; i++) {
            String base = corpus.get(r.nextInt(corpus.size()));
            check(mutate(base, r, 1 + r.nextInt(6)), "mutant #" + i + " (seed " + (SEED + 1) + ")");
        }
    }

    private static void check(String text, String label) {
        KickstartDocument doc;
        try {
            doc = KickstartParser.parse(text, "fuzz.ks");
        } catch (KickstartSyntaxException e) {
            int lines = Math.max(1, text.split("\n", -1).length);
            assertTrue(e.line() >= 1 && e.line() <= lines, label + ": line " + e.line() + " outside 1.." + lines);
            assertTrue(e.getMessage().startsWith("fuzz.ks:" + e.line() + ": "), label);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            fail(label + ": the parser threw " + e + " for input " + quoted(text), e);
            return;
        }
        String rendered = KickstartRenderer.render(doc);
        try {
            assertEquals(doc, KickstartParser.parse(rendered, "fuzz.ks"), label + ": round trip of " + quoted(text));
        } catch (KickstartSyntaxException e) {
            fail(label + ": rendered text does not parse (" + e.getMessage() + "): " + quoted(rendered));
        }
        try {
            KickstartValidator.validate(doc, "fuzz.ks", KickstartValidator.Options.strategy(ReleaseStage.V1_0));
        } catch (RuntimeException | StackOverflowError e) {
            fail(label + ": the validator threw " + e + " for input " + quoted(text), e);
        }
    }

    private static String randomText(Random r) {
        int lines = r.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < lines; l++) {
            int parts = r.nextInt(8);
            for (int p = 0; p < parts; p++) {
                switch (r.nextInt(4)) {
                    case 0 -> sb.append(WORDS[r.nextInt(WORDS.length)]);
                    case 1 -> sb.append(SPECIAL.charAt(r.nextInt(SPECIAL.length())));
                    case 2 -> sb.append((char) r.nextInt(0x80));
                    default -> sb.append((char) (r.nextInt(0xFFFF) + 1));
                }
                if (r.nextBoolean()) {
                    sb.append(' ');
                }
            }
            sb.append(r.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        if (r.nextBoolean() && sb.length() > 0) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    private static String mutate(String base, Random r, int edits) {
        StringBuilder sb = new StringBuilder(base);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
            switch (r.nextInt(5)) {
                case 0 -> sb.insert(at, SPECIAL.charAt(r.nextInt(SPECIAL.length())));
                case 1 -> {
                    if (sb.length() > 0) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> sb.insert(at, WORDS[r.nextInt(WORDS.length)]);
                case 3 -> {
                    // swap two lines
                    String[] lines = sb.toString().split("\n", -1);
                    int a = r.nextInt(lines.length);
                    int b = r.nextInt(lines.length);
                    String t = lines[a];
                    lines[a] = lines[b];
                    lines[b] = t;
                    sb = new StringBuilder(String.join("\n", lines));
                }
                default -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(at, (char) r.nextInt(0x10000));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String quoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }
}
