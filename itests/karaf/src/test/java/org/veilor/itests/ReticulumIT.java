package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.apache.karaf.features.FeaturesService;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.Configuration;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.PtyPair;
import org.veilor.testsupport.reticulum.FakeRnsd;
import org.veilor.testsupport.rnode.RNodeEmulator;

/**
 * L3c on a running node (the node profile's own files): {@code feature:install veilor-reticulum}
 * makes the layer appear in mesh:status and {@code feature:uninstall} removes it, restarting nothing
 * else; floor (iii) with an emulated RNode on a real PTY, handed to a fake rnsd that opens the port
 * (systemd and Reticulum cannot run here: FakeRnsd plays systemctl and rnsd) and taken back; the
 * release warns of the unset RetiNet source and the image with this contribution lints clean.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReticulumIT extends VeilorTestSupport {

    private static final Path NODE = Path.of("../../config/node/etc");
    private static final String FEATURE = "veilor-reticulum";

    @Override
    protected Path bootProfile() {
        return NODE.resolve("org.veilor.core.profile.cfg");
    }

    @Override
    protected Option[] extraOptions() {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("veilor.itest.dir", "target/itest-work"), "reticulum"));
            FakeExecutables fakes = new FakeExecutables(dir.resolve("bin"));
            FakeRnsd.install(fakes, dir.resolve("host"), dir.resolve("state"));
            fakes.fixed("firewall-cmd", 0, "success\n");
            return new Option[] {
                replaceConfigurationFile("etc/org.veilor.mesh.tailscale.cfg", NODE.resolve("org.veilor.mesh.tailscale.cfg").toFile()),
                replaceConfigurationFile("etc/org.veilor.mesh.reticulum.cfg", NODE.resolve("org.veilor.mesh.reticulum.cfg").toFile()),
                // Not the node's real root and PATH: a sandbox, with the fakes first.
                editConfigurationFilePut("etc/org.veilor.core.cfg", "hostRoot", dir.resolve("host").toString()),
                editConfigurationFilePut("etc/org.veilor.core.cfg", "executablePath", fakes.dir() + ":/usr/bin:/bin"),
                systemProperty("veilor.itest.reticulumDir").value(dir.toString()),
                systemProperty("veilor.assembly").value(System.getProperty("karaf.assembly")) };
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the fakes", e);
        }
    }

    private static Path dir() {
        return Path.of(System.getProperty("veilor.itest.reticulumDir"));
    }

    private static JsonNode layer(JsonNode status, String id) {
        for (JsonNode l : status.get("layers")) {
            if (l.get("id").asText().equals(id)) {
                return l;
            }
        }
        return null;
    }

    private JsonNode floorThree(boolean refresh) throws Exception {
        return executeJson("mesh:status --json" + (refresh ? " --refresh" : "")).get("floors").get(2);
    }

    /**
     * What {@code feature:install veilor-reticulum} does at an admin's shell: the features service
     * with no option, so Karaf refreshes whatever it finds needs it (the shell's ACL keeps feature:*
     * from this test's unauthenticated session).
     */
    private void featureInstall() throws Exception {
        featuresService.installFeature(FEATURE, EnumSet.noneOf(FeaturesService.Option.class));
    }

    private void featureUninstall() throws Exception {
        featuresService.uninstallFeature(FEATURE, EnumSet.noneOf(FeaturesService.Option.class));
    }

    private void optIn() throws Exception {
        if (!installed(FEATURE)) {
            featureInstall();
        }
        waitForCommand("mesh:reticulum");
    }

    @Test
    public void installAddsL3cAndUninstallRemovesItWithoutRestartingAnyOtherBundle() throws Exception {
        Poll.assertEventually(TIMEOUT, () -> assertTrue(layer(executeJson("mesh:status --json"), "tailscale") != null));
        if (installed(FEATURE)) {
            featureUninstall();
        }
        Map<Long, Long> before = new HashMap<>();
        Map<Long, Integer> stateBefore = new HashMap<>();
        for (Bundle b : bundleContext.getBundles()) {
            before.put(b.getBundleId(), b.getLastModified());
            stateBefore.put(b.getBundleId(), b.getState());
        }
        // Stopped, unresolved (refreshed), updated or uninstalled is a restart; started counts only for
        // a bundle that was active already (a lazily activated one may finish starting meanwhile).
        List<String> events = new CopyOnWriteArrayList<>();
        SynchronousBundleListener listener = e -> {
            long id = e.getBundle().getBundleId();
            boolean restart = switch (e.getType()) {
                case BundleEvent.STOPPING, BundleEvent.STOPPED, BundleEvent.UNRESOLVED, BundleEvent.UPDATED,
                        BundleEvent.UNINSTALLED -> true;
                case BundleEvent.STARTED -> stateBefore.get(id) != null && stateBefore.get(id) == Bundle.ACTIVE;
                default -> false;
            };
            if (before.containsKey(id) && restart) {
                events.add(e.getBundle().getSymbolicName() + " event " + e.getType());
            }
        };
        bundleContext.addBundleListener(listener);
        try {
            featureInstall();
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode l3c = layer(executeJson("mesh:status --json"), "reticulum");
                assertTrue("L3c appears", l3c != null);
                assertEquals("L3c", l3c.get("layer").asText());
                assertEquals(l3c.toString(), "disabled", l3c.get("state").asText());
                assertTrue(l3c.toString(), l3c.get("detail").asText().startsWith("rnsd is not running: Reticulum is opt-in"
                        + " (mesh:reticulum start); radio rnode: no LoraRadio service"));
            });
            JsonNode iii = floorThree(false);
            assertFalse(iii.get("holds").asBoolean());
            assertTrue(iii.toString(), iii.get("reason").asText().startsWith("L3c reticulum is disabled: rnsd is not running"));

            featureUninstall();
            Poll.assertEventually(TIMEOUT, () -> {
                assertNull(layer(executeJson("mesh:status --json"), "reticulum"));
                assertTrue(floorThree(false).get("reason").asText().startsWith("no L3c (Reticulum) layer is installed"));
            });
        } finally {
            bundleContext.removeBundleListener(listener);
        }
        assertEquals("no bundle that was there before was stopped, refreshed, updated or started again", List.of(), events);
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().startsWith("org.veilor")) {
                assertTrue(b.getSymbolicName() + " is new", before.containsKey(b.getBundleId()));
                assertEquals(b.getSymbolicName() + " was modified", before.get(b.getBundleId()), (Long) b.getLastModified());
                assertEquals(b.getSymbolicName(), Bundle.ACTIVE, b.getState());
            }
        }
        assertTrue("every bundle kept its id", before.keySet().stream().allMatch(id -> bundleContext.getBundle(id) != null));
    }

    @Test
    public void floorThreeHoldsWhileRnsdRunsOnTheVerifiedRadioAndThePortGoesBackAfter() throws Exception {
        optIn();
        List<AutoCloseable> open = new ArrayList<>();
        FakeRnsd rnsd = FakeRnsd.install(new FakeExecutables(dir().resolve("bin")), dir().resolve("host"), dir().resolve("state"));
        open.add(rnsd);
        Path ptyDir = workDir("reticulum-pty").resolve("r" + System.nanoTime());
        PtyPair[] pty = { PtyPair.open(ptyDir) };
        RNodeEmulator emu = RNodeEmulator.start(pty[0].deviceEnd());
        open.add(0, () -> pty[0].close());
        open.add(0, emu);
        Configuration radio = configAdmin.getFactoryConfiguration("org.veilor.rnode.radio", "rnode", "?");
        try {
            Dictionary<String, Object> d = new Hashtable<>(Map.of("port", pty[0].hostEnd().toString(), "frequency", "869525000",
                    "bandwidth", "125000", "spreadingFactor", "8", "txPower", "7", "bootDelay", "0", "detectTimeout", "2000"));
            radio.update(d);
            Poll.assertEventually(TIMEOUT, () -> assertEquals("up",
                    executeJson("rnode:status --json").get("radios").get(0).get("state").asText()));
            Poll.assertEventually(TIMEOUT, () -> assertEquals("disabled", layer(executeJson("mesh:status --json --refresh"),
                    "reticulum").get("state").asText()));
            assertFalse(floorThree(false).get("holds").asBoolean());

            String started = execute("mesh:reticulum start");
            String port = pty[0].hostEnd().toString();
            assertTrue(started, started.contains("handed " + port + " over to rnsd") && started.contains("started rnsd.service"));
            Poll.until(TIMEOUT, "the fake rnsd on the port", () -> rnsd.read("rnsd.ready").isPresent());
            assertEquals("c00846c0", rnsd.read("rnsd.detect").orElseThrow());
            assertTrue(emu.hostLeft());
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode iii = floorThree(true);
                assertTrue(iii.toString(), iii.get("holds").asBoolean());
                assertTrue(iii.toString(), iii.get("reason").asText().contains("rnsd runs on RNode rnode (RNode firmware 1.86"));
            });
            String status = execute("mesh:reticulum status");
            assertTrue(status, status.matches("(?s).*floor \\(iii\\)\\s*\\|\\s*holds: rnsd runs on RNode rnode.*"));
            String config = Files.readString(dir().resolve("host/var/lib/reticulum/config"));
            assertTrue(config, config.contains("    type = RNodeInterface\n    enabled = Yes\n    port = " + port + "\n    frequency = 869525000\n"));

            pty[0].close();
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode iii = floorThree(true);
                assertFalse(iii.toString(), iii.get("holds").asBoolean());
                assertTrue(iii.toString(), iii.get("reason").asText().contains("of RNode rnode is gone (unplugged)"));
            });
            pty[0] = PtyPair.open(ptyDir);
            emu.attach(pty[0].deviceEnd());
            Poll.assertEventually(TIMEOUT, () -> assertTrue(floorThree(true).get("holds").asBoolean()));

            String stopped = execute("mesh:reticulum stop");
            assertTrue(stopped, stopped.contains("stopped rnsd.service") && stopped.contains("took " + port + " back: RNode rnode is up"));
            assertFalse(rnsd.running());
            Poll.assertEventually(TIMEOUT, () -> {
                assertEquals("disabled", layer(executeJson("mesh:status --json --refresh"), "reticulum").get("state").asText());
                assertFalse(floorThree(false).get("holds").asBoolean());
            });
            assertTrue(emu.radioOn());
        } finally {
            radio.delete();
            for (AutoCloseable c : open) {
                c.close(); // no socat or fake rnsd may outlive the test
            }
        }
    }

    @Test
    public void theReleaseWarnsOfTheUnsetRetinetSourceAndTheImageWithL3cLintsClean() throws Exception {
        optIn();
        if (!installed("veilor-image")) {
            installFeature("veilor-image");
        }
        Path key = workDir("reticulum-image").resolve("cosign.pub");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        putConfig("org.veilor.image", Map.of("distribution", System.getProperty("veilor.assembly"), "cosignPublicKey", key.toString()));
        waitForCommand("image:lint");
        Poll.assertEventually(TIMEOUT, () -> assertTrue(execute("image:contributions").contains("org.veilor.mesh.reticulum")));

        Path release = workDir("reticulum-release").resolve("r" + System.nanoTime());
        String text = execute("veilor:release --out " + release);
        assertTrue(text, text.contains("WARNING reticulum.retinet-source-unset"));
        assertTrue(text, text.contains("ujust install-reticulum refuses to run on nodes"));
        Path tree = release.resolve("image");
        String recipe = Files.readString(tree.resolve("recipes/recipe.yml"));
        assertTrue(recipe, recipe.contains("      disabled:\n        - rnsd.service\n"));
        assertTrue(Files.exists(tree.resolve("files/systemd/system/rnsd.service")));
        String zone = Files.readString(tree.resolve("files/system/usr/lib/firewalld/zones/veilor-reticulum.xml"));
        assertTrue(zone, zone.contains("port=\"29716\"") && zone.contains("port=\"42671\"") && !zone.contains("<interface"));
        String lint = execute("image:lint " + tree);
        assertTrue(lint, lint.contains(": 0 error(s)"));
        assertFalse(lint, lint.contains("image.reticulum"));
    }
}
