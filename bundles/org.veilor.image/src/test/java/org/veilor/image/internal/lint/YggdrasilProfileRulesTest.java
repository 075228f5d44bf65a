package org.veilor.image.internal.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.Severity;
import org.veilor.image.internal.LintFixtures;

/**
 * The node profile's L3b placeholders: the repository's own config/node profile (as the operator
 * gets it) warns about its example key and example peers; an edited one lints clean.
 */
class YggdrasilProfileRulesTest {

    private static final Path SHIPPED = Path.of("../../config/node/etc/org.veilor.mesh.yggdrasil.cfg");

    @TempDir
    Path dir;

    private List<Finding> lint(String cfg) throws IOException {
        Path tree = LintFixtures.cleanTree(dir);
        Path f = tree.resolve(YggdrasilProfileRules.FILE);
        Files.createDirectories(f.getParent());
        Files.writeString(f, cfg);
        return new ImageLinter().lint(tree, new LintExpectations(true, true, false), null).stream()
                .filter(x -> x.code().startsWith("image.yggdrasil-example")).toList();
    }

    @Test
    void theShippedNodeProfileWarnsUntilEdited() throws IOException {
        List<Finding> f = lint(Files.readString(SHIPPED));
        assertEquals(List.of("image.yggdrasil-example-key", "image.yggdrasil-example-peer", "image.yggdrasil-example-peer",
                "image.yggdrasil-example-peer"), f.stream().map(Finding::code).toList(), f.toString());
        assertTrue(f.stream().allMatch(x -> x.severity() == Severity.WARNING));
        Finding key = f.get(0);
        assertTrue(key.message().contains("EXAMPLE key"), key.message());
        String shipped = Files.readString(SHIPPED);
        int keyLine = shipped.substring(0, shipped.indexOf("\nallowedPublicKeys") + 1).split("\n", -1).length;
        assertEquals(YggdrasilProfileRules.FILE + ":" + keyLine, key.location());
    }

    @Test
    void anEditedProfileIsClean() throws IOException {
        assertEquals(List.of(), lint("publicPeer = wss://ygg.s8n-peers.net:443/ygg\n"
                + "failoverPeers = tls://185.12.34.56:443\n"
                + "allowedPublicKeys = 0000000087ee9949eeab56bd430ee8f324cad55abf3993ed9b9be63ce693e18a\n"));
    }

    @Test
    void eachPlaceholderKind() throws IOException {
        for (String host : List.of("ygg.example", "a.example.com", "peer.invalid", "192.0.2.1", "198.51.100.7", "[2001:db8::1]")) {
            assertEquals(1, lint("publicPeer = tls://" + host + ":443\n").size(), host);
        }
        assertEquals(1, lint("allowedPublicKeys = aa" + "0".repeat(62) + ", " + YggdrasilProfileRules.EXAMPLE_KEY.toUpperCase() + "\n").size());
    }
}
