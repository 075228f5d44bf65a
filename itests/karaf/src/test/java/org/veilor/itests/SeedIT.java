package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Outboard;
import org.veilor.testsupport.Poll;

/**
 * The veilor-seed feature in the real distribution: its BLAKE3 hashes official vectors inside the
 * container, on the Vector API kernel (the launcher adds the module, the system bundle exports
 * the package, the bundle imports it optionally), and seed:hash shows the same.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SeedIT extends VeilorTestSupport {

    /** Official vectors (shared/data/blake3_test_vectors.json): input i % 251, lengths 1025 and 102400. */
    private static final String HASH_1025 = "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444";
    private static final String HASH_102400 = "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085";
    private static final String KEYED_102400 = "1c35d1a5811083fd7119f5d5d1ba027b4d01c0c6c49fb6ff2cf75393ea5db4a7";

    @Before
    public void seedFeatureInstalled() throws Exception {
        if (!installed("veilor-seed")) {
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
}
