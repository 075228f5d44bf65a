package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.Seeder;
import org.veilor.seed.blake3.Outboard;
import org.veilor.testsupport.FreePorts;
import org.veilor.testsupport.Poll;

/**
 * The veilor-seed feature in the real distribution: its BLAKE3 hashes official vectors inside the
 * container, on the Vector API kernel (the launcher adds the module, the system bundle exports
 * the package, the bundle imports it optionally), and seed:hash shows the same; and the seed node
 * itself: refused below release v0.8 with the strategy's reason, started when the stage reaches
 * it, a watched folder served verified through the gateway on Karaf's HTTP service (moved to the
 * seed port), a database folder refused, the seed:* commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SeedIT extends VeilorTestSupport {

    /** Official vectors (shared/data/blake3_test_vectors.json): input i % 251, lengths 1025 and 102400. */
    private static final String HASH_1025 = "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444";
    private static final String HASH_102400 = "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085";
    private static final String KEYED_102400 = "1c35d1a5811083fd7119f5d5d1ba027b4d01c0c6c49fb6ff2cf75393ea5db4a7";

    /** The seed port of this container (Karaf's HTTP service is moved there by the seed node). */
    private static int port;

    @Before
    public void seedFeatureInstalled() throws Exception {
        if (!installed("veilor-seed")) {
            // Karaf's HTTP service would bind every address on 8181 first: keep it on loopback, on a free port.
            port = FreePorts.next();
            putConfig("org.ops4j.pax.web", Map.of("org.osgi.service.http.port", String.valueOf(port),
                    "org.ops4j.pax.web.listening.addresses", "127.0.0.1"));
            installFeature("veilor-seed");
        }
        Poll.until(TIMEOUT, "org.veilor.seed active", () -> seedBundle() != null && seedBundle().getState() == Bundle.ACTIVE);
    }

    private Bundle seedBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.veilor.seed".equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static byte[] vectorInput(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    @Test
    public void hashesOfficialVectorsOnTheVectorKernelInsideTheDistribution() throws Exception {
        Blake3 engine = Blake3.standard();
        System.out.println("SeedIT: BLAKE3 inside the distribution runs on: " + engine.implementation());
        assertEquals("org.veilor.seed", FrameworkUtil.getBundle(Blake3.class).getSymbolicName());
        assertTrue(engine.implementation(), engine.isVectorized());
        assertEquals(HASH_1025, engine.hash(vectorInput(1025)).toHex());
        assertEquals(HASH_102400, engine.hash(vectorInput(102400)).toHex());
        assertEquals(HASH_102400, engine.parallel().hash(vectorInput(102400)).toHex());
        assertEquals(HASH_102400, Blake3.scalar().hash(vectorInput(102400)).toHex());
        assertEquals(KEYED_102400, engine.keyedHash("whats the Elvish word for friend".getBytes("US-ASCII"),
                vectorInput(102400)).toHex());
        assertEquals(HASH_102400, Outboard.create(engine, vectorInput(102400)).root().toHex());
    }

    @Test
    public void seedHashPrintsLikeB3sumAndNamesTheKernel() throws Exception {
        Path dir = workDir("seed-hash");
        Path file = Files.write(dir.resolve("vector-102400.bin"), vectorInput(102400));
        String out = execute("seed:hash --verbose --outboard " + file);
        System.out.println("SeedIT: seed:hash said:\n" + out);
        assertTrue(out, out.contains(HASH_102400 + "  " + file));
        assertTrue(out, out.contains("kernel: vector ("));
        assertTrue(out, out.contains("102400 bytes in"));
        assertEquals(Outboard.outboardSize(102400), Files.size(dir.resolve("vector-102400.bin.obao")));
        try {
            execute("seed:hash " + dir.resolve("missing.bin"));
            throw new AssertionError("a missing file must fail the command");
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not a readable file"));
        }
    }

    @Test
    public void seedNodeRefusedBelowV08ThenServesAWatchedFolderVerified() throws Exception {
        Path hostRoot = karafBase().resolve("data/veilor/host");
        Files.createDirectories(hostRoot.resolve("srv/media/photos"));
        Files.createDirectories(hostRoot.resolve("srv/pgdata"));
        Files.writeString(hostRoot.resolve("srv/pgdata/PG_VERSION"), "16\n");
        setConfig("org.veilor.seed", Map.of("storeFolder", "/seed/store", "transportPort", port, "stableSeconds", 1));
        configAdmin.getFactoryConfiguration("org.veilor.seed.service", "media", "?")
                .update(new java.util.Hashtable<>(Map.of("name", "media", "watchedFolder", "/srv/media")));
        try {
            // Release v0.7 (the default): refused, saying why.
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode c = CoreIT.component(executeJson("veilor:status --json"), "org.veilor.seed");
                assertEquals("failed", c.get("state").asText());
                assertTrue(c.toString(), c.get("detail").asText().contains("v0.8"));
            });
            try {
                execute("seed:status");
                throw new AssertionError("seed:status must fail while the node is refused");
            } catch (CommandFailed e) {
                assertTrue(e.getMessage(), e.getMessage().contains("v0.8"));
            }

            putConfig("org.veilor.core", Map.of("release", "v0.8"));
            awaitService(Seeder.class, null);
            byte[] content = new byte[200_000];
            new Random(7).nextBytes(content);
            Files.write(hostRoot.resolve("srv/media/photos/.cat.jpg.part"), content);
            Files.move(hostRoot.resolve("srv/media/photos/.cat.jpg.part"), hostRoot.resolve("srv/media/photos/cat.jpg"));
            String hash = Blake3.standard().hash(content).toHex();
            byte[] served = Poll.until(TIMEOUT, "the gateway serving media/photos/cat.jpg", () -> {
                HttpURLConnection c = get("/seed/media/photos/cat.jpg", null);
                return c.getResponseCode() == 200 && ("\"" + hash + "\"").equals(c.getHeaderField("ETag")) ? body(c) : null;
            });
            assertTrue("the gateway serves the file's bytes", java.util.Arrays.equals(content, served));
            HttpURLConnection part = get("/seed/media/photos/cat.jpg", "bytes=1000-1999");
            assertEquals(206, part.getResponseCode());
            assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(content, 1000, 2000), body(part)));
            JsonNode hello = JSON.readTree(body(get("/veilor-seed/v1/hello", null)));
            assertEquals(64, hello.get("node").asText().length());

            String status = execute("seed:status");
            System.out.println("SeedIT: seed:status said:\n" + status);
            assertTrue(status, status.contains("media") && status.contains("watching"));
            assertTrue(status, status.contains("transport: 127.0.0.1:" + port));
            String ticket = execute("seed:ticket media/photos/cat.jpg").strip();
            assertEquals(hash, BlobTicket.parse(ticket).hash().toHex());
            Path added = Files.write(hostRoot.resolve("note.txt"), "seeded by hand\n".getBytes("US-ASCII"));
            String add = execute("seed:add /note.txt");
            assertTrue(add, add.contains("hash:   " + Blake3.standard().hash(Files.readAllBytes(added)).toHex()));
            assertTrue(add, add.contains("ticket: blob"));
            String got = execute("seed:get --out /copy.jpg " + hash);
            assertTrue(got, got.contains("already held: " + hash));
            assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(hostRoot.resolve("copy.jpg"))));
            String evicted = execute("seed:evict --to 0");
            assertTrue(evicted, evicted.startsWith("evicted 0 blobs (0 B); the cache holds 0 B now"));
            assertTrue("origin and added blobs are pinned", execute("seed:status").contains("blobs:     2 "));

            // A watched folder holding a database is refused, naming what it found.
            configAdmin.getFactoryConfiguration("org.veilor.seed.service", "db", "?")
                    .update(new java.util.Hashtable<>(Map.of("name", "dbdump", "watchedFolder", "/srv/pgdata")));
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode c = byPid(executeJson("veilor:status --json"), "org.veilor.seed.service~db");
                assertEquals("failed", c.get("state").asText());
                assertTrue(c.toString(), c.get("detail").asText().contains("a PostgreSQL database (PG_VERSION)"));
            });
        } finally {
            putConfig("org.veilor.core", Map.of("release", "v0.7"));
        }
    }

    /** A factory component's configuration by its PID (they share the component name). */
    private static JsonNode byPid(JsonNode status, String pid) {
        for (JsonNode c : status.get("components")) {
            if (pid.equals(c.get("pid").asText())) {
                return c;
            }
        }
        throw new AssertionError("no component with PID " + pid + " in " + status.get("components"));
    }

    private static HttpURLConnection get(String path, String range) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setConnectTimeout(30_000);
        c.setReadTimeout(60_000);
        if (range != null) {
            c.setRequestProperty("Range", range);
        }
        return c;
    }

    private static byte[] body(HttpURLConnection c) throws IOException {
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
