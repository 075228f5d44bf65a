package org.veilor.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.veilor.testsupport.Poll;

/**
 * Base of every pax-exam test: boots the veilor distribution artefact (not a stock Karaf), with
 * the JVM flags the launcher adds, and offers helpers to run shell commands, change
 * configuration, install features and wait for services — all with polling, never sleeps.
 */
public abstract class VeilorTestSupport {

    protected static final Duration TIMEOUT = Duration.ofSeconds(60);
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected FeaturesService featuresService;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>();
        options.add(karafDistributionConfiguration()
                .frameworkUrl(new File(System.getProperty("karaf.assembly")).toURI().toString())
                .name("veilor").karafVersion(System.getProperty("karaf.version", "4.4.10"))
                .unpackDirectory(new File("target/exam")).useDeployFolder(false));
        options.add(remoteShell() ? configureConsole().ignoreLocalConsole()
                : configureConsole().ignoreLocalConsole().ignoreRemoteShell());
        options.add(logLevel(LogLevel.INFO));
        // A loaded 2-core machine can take minutes to bring the container up; fail on the test's
        // own polls, not on pax-exam's default start limit.
        options.add(systemTimeout(TimeUnit.MINUTES.toMillis(8)));
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                "org.ops4j.pax.url.mvn.localRepository", System.getProperty("maven.repo.local")));
        options.add(vmOptions(jpmsFlags()));
        options.add(systemProperty("veilor.itest.dir").value(System.getProperty("veilor.itest.dir")));
        options.add(bundle(new File(System.getProperty("veilor.testsupport.jar")).toURI().toString()));
        if (Boolean.getBoolean("veilor.itest.keep")) {
            options.add(keepRuntimeFolder());
        }
        options.addAll(List.of(stagedBoot()));
        options.addAll(List.of(extraOptions()));
        return options.toArray(Option[]::new);
    }

    /** The profile file (a config/<profile>/etc/org.veilor.core.profile.cfg) to boot with, or null. */
    protected Path bootProfile() {
        return null;
    }

    /**
     * Boot features in two stages: the distribution's own (plus the boot profile's) in
     * parentheses, then pax-exam's, which it appends. In one stage pax-exam's remote bundle
     * context starts while Karaf is still provisioning (a startup-bundle refresh restarts the
     * features service, which deploys again) and installs the probe then; the deployment's
     * resolver hook hides the probe and it fails with "Resolver hook prevented resolution"
     * (PAXEXAM-765, seen in CI). That refresh was the first-start bug of issue 16 (eventadmin
     * now starts with the framework, so the boot deployment refreshes nothing); the two stages
     * stay so the probe comes after the boot deployment whatever it does. The profile's features
     * are booted too, so the profile installer (which waits for BootFinished) has nothing left
     * to deploy.
     */
    private Option[] stagedBoot() {
        List<Option> options = new ArrayList<>();
        List<String> boot = new ArrayList<>(features(Path.of(System.getProperty("veilor.assembly.etc"))
                .resolve("org.apache.karaf.features.cfg"), "featuresBoot"));
        Path profile = bootProfile();
        if (profile != null) {
            options.add(replaceConfigurationFile("etc/org.veilor.core.profile.cfg", profile.toFile()));
            boot.addAll(features(profile, "features"));
        }
        options.add(editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
                "(" + String.join(", ", boot) + ")"));
        return options.toArray(Option[]::new);
    }

    private static List<String> features(Path cfg, String key) {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(cfg)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + cfg, e);
        }
        List<String> names = new ArrayList<>();
        for (String name : p.getProperty(key, "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** Subclasses add configuration (ports, profile values) here. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** Whether Karaf's SSH server runs (only the SSH test needs it). */
    protected boolean remoteShell() {
        return false;
    }

    /**
     * The JPMS flags of Karaf's bin/karaf (pax-exam adds none: karaf-stack.md pitfall 9) plus the
     * ones bin/setenv adds for veilor.
     */
    private static String[] jpmsFlags() {
        List<String> f = new ArrayList<>(List.of("--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED", "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"));
        for (String p : List.of("file", "http", "https", "jar")) {
            f.add("--add-exports=java.base/sun.net.www.protocol." + p + "=ALL-UNNAMED");
        }
        f.add("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED");
        f.add("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED");
        f.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx384m"));
        return f.toArray(String[]::new);
    }

    /** A folder for this test's files, under the module's target/. */
    protected Path workDir(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("veilor.itest.dir", "target/itest-work"), name));
    }

    protected Path karafBase() {
        return Path.of(bundleContext.getProperty("karaf.base"));
    }

    protected Path karafEtc() {
        return Path.of(bundleContext.getProperty("karaf.etc"));
    }

    /** Runs a shell command once it is registered; returns its output; throws when it fails. */
    protected String execute(String command) throws Exception {
        waitForCommand(command.strip().split("\\s+")[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        } catch (Exception e) {
            throw new CommandFailed(command, bytes.toString(StandardCharsets.UTF_8), e);
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs a command that prints JSON and parses it. */
    protected JsonNode executeJson(String command) throws Exception {
        String out = execute(command);
        int start = out.indexOf('{');
        return JSON.readTree(start < 0 ? out : out.substring(start));
    }

    /** Waits until a scope:name command is registered (commands appear once their references are met). */
    protected void waitForCommand(String scopedName) throws Exception {
        String[] parts = scopedName.split(":", 2);
        if (parts.length < 2) {
            return;
        }
        Poll.until(TIMEOUT, "command " + scopedName,
                () -> sessionFactory.getRegistry().getCommand(parts[0], parts[1]) != null);
    }

    /** Replaces a configuration's properties (like config:edit + property-set + update). */
    protected void setConfig(String pid, Map<String, Object> properties) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> d = new Hashtable<>(properties);
        c.update(d);
    }

    /** Changes some properties of a configuration, keeping the others. */
    protected void putConfig(String pid, Map<String, Object> properties) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        properties.forEach(d::put);
        c.update(d);
    }

    protected boolean installed(String feature) throws Exception {
        return featuresService.isInstalled(featuresService.getFeature(feature));
    }

    protected void installFeature(String feature) throws Exception {
        featuresService.installFeature(feature, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    }

    protected void uninstallFeature(String feature) throws Exception {
        featuresService.uninstallFeature(feature, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
    }

    /** Adds a features repository written by the test (for test-only features). */
    protected void addFeaturesRepository(Path xml) throws Exception {
        URI uri = xml.toUri();
        featuresService.addRepository(uri);
    }

    /** Waits for a service (with an optional LDAP filter) and returns it. */
    protected <T> T awaitService(Class<T> type, String filter) throws Exception {
        String f = filter == null ? "(objectClass=" + type.getName() + ")"
                : "(&(objectClass=" + type.getName() + ")" + filter + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, bundleContext.createFilter(f), null);
        tracker.open();
        try {
            T service = tracker.waitForService(TIMEOUT.toMillis());
            if (service == null) {
                throw new AssertionError("no service " + f + " within " + TIMEOUT.toSeconds() + " s");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /** A failed shell command, with what it printed. */
    public static final class CommandFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final String output;

        CommandFailed(String command, String output, Exception cause) {
            super(command + " failed: " + cause.getMessage() + (output.isBlank() ? "" : "\n" + output), cause);
            this.output = output;
        }

        public String output() {
            return output;
        }
    }
}
