package org.veilor.mesh.tailscale.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.qr.QrCodes;
import org.veilor.mesh.tailscale.internal.FakeNode;
import org.veilor.mesh.tailscale.internal.TestKeys;

/** mesh:join by argument, key file and QR picture, against the fakes of {@link FakeNode}. */
class JoinCommandTest {

    @TempDir
    Path tmp;
    private FakeNode node;

    @BeforeEach
    void node() throws IOException {
        node = new FakeNode(tmp.resolve("node"));
        node.afterUp("status-running.json");
    }

    private JoinCommand command() {
        JoinCommand c = new JoinCommand();
        c.joiner = node.joiner();
        return c;
    }

    private static String run(JoinCommand c) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            c.execute();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void joinsWithTheKeyFromAQrPictureMadeHere() throws Exception {
        String key = TestKeys.modern();
        Path png = tmp.resolve("enrolment-qr.png");
        Files.write(png, QrCodes.encodePng(key, 400));
        JoinCommand c = command();
        c.qrImage = png.toString();
        String out = run(c);
        assertEquals(key, node.read("up.key"), "tailscale up got the key the QR code holds");
        assertTrue(out.contains("  enabling tailscaled.service"), out);
        assertTrue(out.contains("joined the Veilor mesh at https://hs.example.org: 100.64.0.7 (node1)"), out);
        assertFalse(out.contains(key.substring(30)), "the key is not printed");
    }

    @Test
    void aQrCodeThatHoldsSomethingElseIsRefusedAndNothingRuns() throws Exception {
        Path png = tmp.resolve("other.png");
        Files.write(png, QrCodes.encodePng("https://x.veilor/welcome", 300));
        JoinCommand c = command();
        c.qrImage = png.toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(c));
        assertTrue(e.getMessage().startsWith("--qr " + png + ": the QR code does not hold a pre-auth key"), e.getMessage());
        assertTrue(node.fakes.calls().isEmpty());
    }

    @Test
    void aPictureWithoutACodeOrNoPictureAtAllSaysSo() throws Exception {
        Path notImage = tmp.resolve("notes.png");
        Files.writeString(notImage, "not an image");
        JoinCommand c = command();
        c.qrImage = notImage.toString();
        IOException e = assertThrows(IOException.class, () -> run(c));
        assertEquals("--qr " + notImage + ": not a PNG or JPEG image (hold the whole code steady in front of the camera,"
                + " well lit, and try again)", e.getMessage());
        c.qrImage = tmp.resolve("missing.png").toString();
        assertEquals("--qr " + tmp.resolve("missing.png") + ": no such image file",
                assertThrows(IOException.class, () -> run(c)).getMessage());
        c.qrImage = "relative.png";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(c)).getMessage()
                .startsWith("--qr needs an absolute path"));
    }

    @Test
    void joinsWithAnOwnerOnlyKeyFileAndRefusesAReadableOne() throws Exception {
        String key = TestKeys.legacy();
        Path file = tmp.resolve("paste.1");
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        JoinCommand c = command();
        c.keyFile = file.toString();
        IOException e = assertThrows(IOException.class, () -> run(c));
        assertTrue(e.getMessage().contains("can be read by other users; make it owner-only (chmod 600)"), e.getMessage());
        assertTrue(node.fakes.calls().isEmpty());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        run(c);
        assertEquals(key, node.read("up.key"));
    }

    @Test
    void joinsWithTheKeyAsArgumentAndRefusesTwoSources() throws Exception {
        String key = TestKeys.modern();
        JoinCommand c = command();
        c.key = key;
        c.qrImage = "/tmp/x.png";
        assertEquals("give the key one way only: KEY, --qr IMAGE or --key-file FILE",
                assertThrows(IllegalArgumentException.class, () -> run(c)).getMessage());
        c.qrImage = null;
        // As Karaf runs it: on a thread named after the command line, which log lines show.
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("pipe-mesh:join " + key);
        try {
            run(c);
            assertEquals("pipe-mesh:join " + key, thread.getName(), "the thread gets its name back");
        } finally {
            thread.setName(name);
        }
        assertEquals(key, node.read("up.key"));
        String log = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
        assertTrue(log.contains("[mesh:join] INFO org.veilor.mesh.tailscale.internal.Joiner - joining the Veilor mesh"), log);
        assertFalse(log.contains(key.substring(30)), "the key is not in the log, not even in a thread name");
    }

    @Test
    void aMalformedKeyIsRefusedBeforeAnythingRuns() {
        JoinCommand c = command();
        c.key = "hskey-auth-tooShort";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(c));
        assertTrue(e.getMessage().startsWith("the pre-auth key has 19 characters, not 88"), e.getMessage());
    }

    @Test
    void onAnInstanceWithoutL3aConfigurationItSaysSo() {
        JoinCommand c = new JoinCommand();
        c.key = TestKeys.modern();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(c));
        assertTrue(e.getMessage().startsWith("the L3a layer is not configured on this instance (PID org.veilor.mesh.tailscale)"));
    }
}
