package org.veilor.mesh.yggdrasil.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.mesh.yggdrasil.internal.NodeFixture;
import org.veilor.mesh.yggdrasil.internal.YggdrasilNode;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.YggdrasilDaemons;

/** The ygg:* commands, built with new and their fields set, output captured (Karaf's EditCommandTest way). */
class YggCommandsTest {

    private static final String ROW1_KEY = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
    private static final String KEY = "0000000087ee9949eeab56bd430ee8f324cad55abf3993ed9b9be63ce693e18a";

    @TempDir
    Path tmp;
    private NodeFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String run(Action a) throws Exception {
        return capture(() -> {
            a.execute();
            return null;
        });
    }

    private static String capture(Callable<Object> body) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.call();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void addressOfAKeyWorksAnywhere() throws Exception {
        AddressCommand c = new AddressCommand();
        c.pubkey = ROW1_KEY;
        assertEquals("address 202:24ae:c219:8a4a:de94:eae2:b97e:ac87\nsubnet  302:24ae:c219:8a4a::/64\n", run(c));
        c.pubkey = "xyz";
        assertEquals("a yggdrasil public key is 64 hex digits, not 'xyz'", assertThrows(IllegalArgumentException.class, c::execute).getMessage());
        c.pubkey = null;
        assertTrue(assertThrows(IllegalStateException.class, c::execute).getMessage()
                .startsWith("the L3b layer is not configured on this instance (PID org.veilor.mesh.yggdrasil)"));
    }

    @Test
    void keygenToAFileShowsOnlyThePublicHalf() throws Exception {
        KeygenCommand c = new KeygenCommand();
        Path out = tmp.resolve("operator.pem");
        c.out = out.toString();
        String text = run(c);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        String pem = Files.readString(out);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertFalse(text.contains("PRIVATE") || text.contains(pem.split("\n")[1]), "no private material in the output");
        String pub = text.lines().filter(l -> l.startsWith("public key ")).findFirst().orElseThrow().substring(11);
        AddressCommand a = new AddressCommand();
        a.pubkey = pub;
        assertTrue(text.contains(run(a).lines().findFirst().orElseThrow().substring(8)), "the address printed is the key's");
        assertThrows(FileAlreadyExistsException.class, c::execute);
        c.force = true;
        run(c);
        assertFalse(pem.equals(Files.readString(out)), "--force replaced it");
        c.out = "relative.pem";
        assertThrows(IllegalArgumentException.class, c::execute);
        c.out = null;
        assertThrows(IllegalStateException.class, c::execute, "no node: --out is needed");
    }

    @Test
    void theNodesKeyAndAddressAndItsConfig() throws Exception {
        fixture = NodeFixture.on(tmp, false);
        YggdrasilNode node = fixture.node("tls://198.51.100.7:443", List.of(KEY));
        KeygenCommand k = new KeygenCommand();
        k.node = node;
        String made = run(k);
        assertTrue(made.startsWith("wrote a new key to /etc/yggdrasil/private.pem (0600)"), made);
        assertTrue(assertThrows(IllegalStateException.class, k::execute).getMessage().contains("--force replaces it"));
        AddressCommand a = new AddressCommand();
        a.node = node;
        String address = run(a);
        assertTrue(made.contains(address.lines().findFirst().orElseThrow().substring(8)), address);

        ConfigCommand c = new ConfigCommand();
        c.node = node;
        String conf = run(c);
        assertTrue(conf.startsWith("# /etc/yggdrasil/yggdrasil.conf for yggdrasil 0.4 (the build does not say which) (0.4 dialect)\n"), conf);
        assertTrue(conf.contains("\"PrivateKey\" : \"(secret: 128 hex digits, in the file only)\""), conf);
        assertFalse(conf.matches("(?s).*[0-9a-f]{128}.*"), "no private key in the output");
        c.dialect = "0.5";
        assertTrue(run(c).contains("\"PrivateKeyPath\" : \"" + fixture.root().resolve("etc/yggdrasil/private.pem") + "\""));
        c.dialect = "0.6";
        assertThrows(IllegalArgumentException.class, c::execute);
    }

    @Test
    void configListsEveryProblem() throws Exception {
        fixture = NodeFixture.on(tmp, false);
        YggdrasilNode node = fixture.node("wss://ygg.example.net/ygg", List.of(KEY));
        node.keygen(false);
        ConfigCommand c = new ConfigCommand();
        c.node = node;
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        IllegalStateException e;
        try {
            e = assertThrows(IllegalStateException.class, c::execute);
        } finally {
            System.setOut(old);
        }
        assertEquals("1 problem in PID org.veilor.mesh.yggdrasil for yggdrasil 0.4 (the build does not say which)", e.getMessage());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("  - publicPeer = 'wss://ygg.example.net/ygg': yggdrasil 0.4"));
    }

    @Test
    void statusLiveFromARealDaemon() throws Exception {
        fixture = NodeFixture.on(tmp, true);
        YggdrasilDaemons.Daemon peer = fixture.daemons().listener("public");
        YggdrasilNode node = fixture.node(peer.listenUri(), List.of(peer.publicKey()));
        node.keygen(false);
        StatusCommand s = new StatusCommand();
        s.node = node;
        String down = run(s);
        assertTrue(down.startsWith("L3b Yggdrasil: down — daemon unreachable: cannot reach the admin socket"), down);
        // ygg:status reads; it does not write: the layer's probe writes the config.
        assertFalse(Files.exists(fixture.root().resolve("etc/yggdrasil/yggdrasil.conf")));
        assertTrue(node.preview(java.util.Optional.empty()).problems().isEmpty());
        Files.writeString(fixture.root().resolve("etc/yggdrasil/yggdrasil.conf"), node.preview(java.util.Optional.empty()).text());
        fixture.startNodeDaemon();
        String idle = Poll.until(java.time.Duration.ofSeconds(90), "idle", () -> {
            String t = run(s);
            return t.startsWith("L3b Yggdrasil: idle") ? t : null;
        });
        assertTrue(idle.contains("yggdrasil 0.5.12 (0.5 dialect)"), idle);
        assertTrue(idle.matches("(?s).*" + java.util.regex.Pattern.quote(peer.listenUri()) + "\\s*\\|\\s*up\\s*\\|\\s*" + peer.publicKey().substring(0, 16) + ".*"), idle);
        assertTrue(idle.matches("(?s).*\\(i\\)\\s*\\|\\s*yes.*"), idle);
        s.json = true;
        JsonNode j = new ObjectMapper().readTree(run(s));
        assertEquals("idle", j.get("state").asText());
        assertEquals("0.5", j.get("dialect").asText());
        assertTrue(j.get("peers").get(0).get("up").asBoolean());
        assertEquals(peer.publicKey(), j.get("peers").get(0).get("key").asText());
    }
}
