package org.veilor.itests.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Test;
import org.veilor.testsupport.Poll;

/**
 * {@code bin/veilor wait} tells a hung boot from a slow one: a deadline that passes while the
 * instance is still working says so (and a longer wait then succeeds); a boot whose deployment
 * never ends is reported as hung, with the deployer's last step and the thread it is stuck in.
 */
public class WaitDiagnosisIT {

    @Test
    public void aDeadlineThatPassesWhileBootingSaysTheInstanceIsStillWorking() throws Exception {
        try (Instance instance = Instance.init(Distribution.get(), "operator", "slow")) {
            instance.start();
            Processes.Result early = instance.await(Duration.ofSeconds(1), Duration.ofSeconds(60));
            assertNotEquals("a 1 s wait right after start cannot succeed", 0, early.exitCode());
            assertTrue("the early wait says the instance is still working, not hung:\n" + early.err(),
                    early.err().contains("SLOW") || early.err().contains("still starting"));
            assertTrue(early.err(), !early.err().contains("HUNG"));
            System.out.println("bin/veilor wait right after start said:\n" + early.err());

            Processes.Result ready = instance.await(Duration.ofMinutes(4), null);
            assertEquals("a long enough wait succeeds:\n" + ready.err(), 0, ready.exitCode());
        }
    }

    /**
     * Between {@code start} and the JVM writing karaf.pid (seconds on a loaded machine) the
     * instance is starting, not dead. That window cannot be hit on purpose with the real JVM, so a
     * process carrying the same {@code -Dkaraf.base=<base>} argument Karaf's launcher gives the JVM
     * stands in for it; without any such process the wait says the JVM is not running.
     */
    @Test
    public void aDeadlineBeforeTheJvmWroteItsPidSaysStartingAndWithoutAJvmSaysNotRunning() throws Exception {
        try (Instance instance = Instance.init(Distribution.get(), "operator", "prepid")) {
            Processes.Result none = instance.await(Duration.ofSeconds(1), null);
            assertNotEquals("nothing was started", 0, none.exitCode());
            assertTrue("no JVM of this base: not running:\n" + none.err(), none.err().contains("the JVM is not running"));

            Process jvm = new ProcessBuilder("bash", "-c", "read -t 120 _ || true", "-Dkaraf.base=" + instance.base().toAbsolutePath())
                    .redirectErrorStream(true).start();
            try {
                Processes.Result early = instance.await(Duration.ofSeconds(1), null);
                assertNotEquals("a starting instance does not answer", 0, early.exitCode());
                assertTrue("names the starting process and says it is still starting:\n" + early.err(),
                        early.err().contains("process " + jvm.pid() + " is still starting"));
                assertTrue(early.err(), !early.err().contains("not running") && !early.err().contains("HUNG"));
            } finally {
                jvm.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    public void aBootDeploymentThatNeverEndsIsReportedAsHungWithTheThreadItWaitsOn() throws Exception {
        try (Instance instance = Instance.init(Distribution.get(), "operator", "hung")) {
            Path marker = instance.base().resolve("hang-started");
            bootAlso(instance, hangingBundle(instance.base().resolve("hang.jar"), marker));
            instance.start();
            Poll.until(Duration.ofMinutes(4), "the hanging bundle to start", () -> Files.exists(marker));

            Processes.Result wait = instance.await(Duration.ofSeconds(20), Duration.ofSeconds(8));
            instance.kill();
            assertNotEquals("wait cannot succeed on a hung boot", 0, wait.exitCode());
            String err = wait.err();
            System.out.println("bin/veilor wait on a hung boot said:\n" + err);
            assertTrue("names the deadline it missed:\n" + err, err.contains("did not answer on SSH port"));
            assertTrue("calls it hung:\n" + err, err.contains("HUNG"));
            assertTrue("shows the deployer's last step:\n" + err, err.contains("last deployer step: 20"));
            assertTrue("shows the thread stuck in the hanging activator:\n" + err,
                    err.contains("HangingActivator.start"));
            assertTrue("points at the full thread dump:\n" + err, err.contains("karaf.out"));
        }
    }

    /** A features repository with one boot feature holding a bundle whose activator never returns. */
    private static Path hangingBundle(Path jar, Path marker) throws Exception {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.veilor.itests.hang");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", HangingActivator.class.getName());
        a.putValue("Import-Package", "org.osgi.framework");
        a.putValue("Hang-Marker", marker.toString());
        String entry = HangingActivator.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf);
                InputStream cls = HangingActivator.class.getClassLoader().getResourceAsStream(entry)) {
            jos.putNextEntry(new JarEntry(entry));
            cls.transferTo(jos);
            jos.closeEntry();
        }
        Path xml = jar.resolveSibling("hang-features.xml");
        // start-level 10: below features.core's 15, so the boot deployment itself starts it (and
        // waits for it) while the framework's start level waits for the deployment.
        Files.writeString(xml, """
                <features name="veilor-itest-hang" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="veilor-itest-hang" version="1.0.0">
                    <bundle start-level="10">%s</bundle>
                  </feature>
                </features>
                """.formatted(jar.toUri()));
        return xml;
    }

    /** Adds a features repository and its feature to the base's boot features. */
    private static void bootAlso(Instance instance, Path repository) throws Exception {
        Path cfg = instance.etc("org.apache.karaf.features.cfg");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cfg)) {
            p.load(r);
        }
        p.setProperty("featuresRepositories", p.getProperty("featuresRepositories") + ", " + repository.toUri());
        p.setProperty("featuresBoot", p.getProperty("featuresBoot") + ", veilor-itest-hang");
        try (Writer w = Files.newBufferedWriter(cfg)) {
            p.store(w, "boot features plus the hanging test feature");
        }
    }
}
