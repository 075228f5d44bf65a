package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.console.Session;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.rnode.RNodeEmulator;

/**
 * veilor-rnode in the real distribution, with emulated RNodes on real PTYs (socat) that the bundle
 * opens through jSerialComm: rnode:status, send on one radio and listen on the other, the faults,
 * the configuration rule and the hand-over of the port.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RNodeIT extends VeilorTestSupport {

    private static final String FACTORY = "org.veilor.rnode.radio";
    /** By name: this test class loads before veilor-rnode is installed. */
    private static final String LORA_RADIO = "org.veilor.rnode.LoraRadio";
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Configuration> configs = new ArrayList<>();

    @Before
    public void install() throws Exception {
        if (!installed("veilor-rnode")) {
            installFeature("veilor-rnode");
        }
        waitForCommand("rnode:status");
    }

    @After
    public void cleanUp() throws Exception {
        try {
            for (Configuration c : configs) {
                c.delete();
            }
            Poll.assertEventually(TIMEOUT, () -> assertEquals(0, executeJson("rnode:status --json").get("radios").size()));
        } finally {
            for (AutoCloseable c : open) {
                c.close(); // socat processes must not outlive the test
            }
        }
    }

    private PtyPair pty(String name) throws Exception {
        PtyPair p = PtyPair.open(workDir("rnode").resolve(name + "-" + System.nanoTime()));
        open.add(p);
        return p;
    }

    private RNodeEmulator emulator(RNodeEmulator.Options options, PtyPair pty) throws Exception {
        RNodeEmulator e = options.start(pty.deviceEnd());
        open.add(0, e);
        return e;
    }

    private void radio(String name, Path port, Map<String, Object> extra) throws Exception {
        Configuration c = configAdmin.getFactoryConfiguration(FACTORY, name, "?");
        Dictionary<String, Object> d = new Hashtable<>(Map.of("port", port.toString(), "frequency", "869525000",
                "bandwidth", "125000", "spreadingFactor", "8", "txPower", "7", "bootDelay", "0", "detectTimeout", "2000"));
        extra.forEach(d::put);
        c.update(d);
        configs.add(c);
    }

    private static JsonNode radioStatus(JsonNode status, String name) {
        for (JsonNode r : status.get("radios")) {
            if (name.equals(r.get("name").asText())) {
                return r;
            }
        }
        throw new AssertionError("no radio " + name + " in " + status);
    }

    private void awaitRadioService(String name) throws Exception {
        Poll.until(TIMEOUT, "LoraRadio " + name, () -> bundleContext.getServiceReferences(LORA_RADIO, "(rnode.name=" + name + ")"));
    }

    private void awaitState(String name, String state) throws Exception {
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode r = radioStatus(executeJson("rnode:status --json"), name);
            assertEquals(r.toString(), state, r.get("state").asText());
        });
    }

    @Test
    public void statusShowsARadioOnAPtyUpWithItsDeviceAndBitRate() throws Exception {
        PtyPair p = pty("st");
        emulator(RNodeEmulator.options(), p);
        radio("st", p.hostEnd(), Map.of());
        awaitState("st", "up");
        awaitRadioService("st");

        String text = execute("rnode:status");
        assertTrue(text, text.matches("(?s).*st\\s*\\|\\s*up\\s*\\|.*1\\.86.*869\\.525 MHz.*125 kHz.*3\\.13 kbit/s.*"));
        assertTrue(text, text.contains("device    RNode firmware 1.86, ESP32 (0x80), MCU ESP32 (0x81), board 0x36"));
        JsonNode r = radioStatus(executeJson("rnode:status --json"), "st");
        assertEquals(FACTORY + "~st", r.get("pid").asText());
        assertEquals(3125.0, r.get("verified").get("bitrate").asDouble(), 0.01);
        String config = execute("rnode:config st");
        assertTrue(config, config.contains("frequency") && config.contains("869525000 Hz") && config.contains("ok"));
        String list = execute("rnode:list --no-probe");
        assertTrue(list, list.contains(p.hostEnd().toString()) && list.contains("radio st (up)"));
        String detect = execute("rnode:detect " + p.hostEnd());
        assertTrue(detect, detect.contains("is held by radio st (up)") && detect.contains("firmware  1.86"));
    }

    @Test
    public void sendOnOneRadioIsSeenByListenOnTheOther() throws Exception {
        PtyPair pa = pty("a");
        PtyPair pb = pty("b");
        RNodeEmulator a = emulator(RNodeEmulator.options(), pa);
        RNodeEmulator b = emulator(RNodeEmulator.options().signal(85, 6.5), pb);
        a.link(b);
        radio("alpha", pa.hostEnd(), Map.of());
        radio("bravo", pb.hostEnd(), Map.of());
        awaitState("alpha", "up");
        awaitState("bravo", "up");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        CompletableFuture<Object> listen = CompletableFuture.supplyAsync(() -> {
            try {
                return session.execute("rnode:listen --radio bravo --count 1 --timeout 60");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Poll.assertEventually(TIMEOUT, () -> assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("listening on bravo")));
        String sent = execute("rnode:send --radio alpha hello over lora");
        assertTrue(sent, sent.contains("sent 15 bytes on alpha"));
        listen.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        session.close();
        String heard = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(heard, heard.contains("15 bytes  RSSI -78 dBm  SNR 6.5 dB  hello over lora"));
        assertTrue(heard, heard.contains("1 packet received"));
        JsonNode bravo = radioStatus(executeJson("rnode:status --json"), "bravo");
        assertEquals(1, bravo.get("stats").get("rxFrames").asInt());
        assertEquals(-78, bravo.get("stats").get("lastRssi").asInt());
        execute("rnode:send --radio alpha --hex 01c0db02");
        Poll.assertEventually(TIMEOUT, () -> assertEquals(2,
                radioStatus(executeJson("rnode:status --json"), "bravo").get("stats").get("rxFrames").asInt()));
    }

    @Test
    public void unpluggedTheRadioGoesDownWithItsServiceAndComesBack() throws Exception {
        PtyPair p = pty("u");
        Path dir = p.hostEnd().getParent();
        RNodeEmulator emu = emulator(RNodeEmulator.options(), p);
        radio("u", p.hostEnd(), Map.of());
        awaitState("u", "up");
        p.close();
        awaitState("u", "down");
        assertNull(bundleContext.getServiceReference(LORA_RADIO));
        assertTrue(radioStatus(executeJson("rnode:status --json"), "u").get("reason").asText().contains("lost at"));
        PtyPair back = PtyPair.open(dir);
        open.add(back);
        emu.attach(back.deviceEnd());
        awaitState("u", "up");
        assertEquals(1, radioStatus(executeJson("rnode:status --json"), "u").get("stats").get("reconnects").asInt());
        awaitRadioService("u");
    }

    @Test
    public void aSilentDeviceIsUndetectedAndAnOutOfRangeConfigurationNeverTouchesItsDevice() throws Exception {
        PtyPair quiet = pty("q");
        emulator(RNodeEmulator.options().silent(true), quiet);
        radio("quiet", quiet.hostEnd(), Map.of("detectTimeout", "500"));
        awaitState("quiet", "undetected");
        assertTrue(radioStatus(executeJson("rnode:status --json"), "quiet").get("reason").asText()
                .contains("no answer to the RNode detect handshake"));

        PtyPair bad = pty("bad");
        RNodeEmulator untouched = emulator(RNodeEmulator.options(), bad);
        radio("bad", bad.hostEnd(), Map.of("spreadingFactor", "13"));
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode invalid = executeJson("rnode:status --json").get("invalidConfigurations");
            assertEquals(invalid.toString(), 1, invalid.size());
            assertEquals(FACTORY + "~bad", invalid.get(0).get("pid").asText());
            assertTrue(invalid.toString(), invalid.get(0).get("detail").asText()
                    .contains("spreadingFactor = '13' is invalid: allowed 5..12"));
        });
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode veilor = executeJson("veilor:status --json");
            boolean shown = false;
            for (JsonNode c : veilor.get("components")) {
                shown |= c.get("state").asText().equals("failed") && c.get("detail").asText().contains("spreadingFactor = '13'");
            }
            assertTrue(veilor.get("components").toString(), shown);
        });
        assertEquals(0, untouched.bytesFromHost().length);
        assertFalse(untouched.radioOn());
    }

    @Test
    public void handOverReleasesThePortToAnotherOwnerAndTakesItBack() throws Exception {
        PtyPair p = pty("h");
        RNodeEmulator emu = emulator(RNodeEmulator.options(), p);
        radio("h", p.hostEnd(), Map.of());
        awaitState("h", "up");
        String released = execute("rnode:handover --to rnsd h");
        assertTrue(released, released.contains("h released " + p.hostEnd() + " to rnsd"));
        JsonNode r = radioStatus(executeJson("rnode:status --json"), "h");
        assertEquals("handed over", r.get("state").asText());
        assertEquals("rnsd", r.get("owner").asText());
        assertEquals("1.86", r.get("device").get("firmware").asText());
        assertEquals(869525000L, r.get("verified").get("frequency").asLong());
        awaitRadioService("h");
        Poll.assertEventually(TIMEOUT, () -> assertTrue(emu.hostLeft()));

        // a stand-in for rnsd opens the port and talks to the radio
        try (FileChannel rnsd = FileChannel.open(p.hostEnd(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            rnsd.write(ByteBuffer.wrap(HexFormat.of().parseHex("c00873c0")));
            ByteBuffer answer = ByteBuffer.allocate(4);
            while (answer.hasRemaining()) {
                rnsd.read(answer);
            }
            assertEquals("c00846c0", HexFormat.of().formatHex(answer.array()));
        }

        String back = execute("rnode:handover --back h");
        assertTrue(back, back.contains("took " + p.hostEnd() + " back: up"));
        awaitState("h", "up");
        assertTrue(emu.radioOn());
    }
}
