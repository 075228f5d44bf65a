package org.veilor.itests.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.testsupport.FreePorts;

/**
 * One veilor instance on a fresh base, driven only through {@code bin/veilor} (init, start,
 * wait, client, stop). Its ports are moved to free ones so the test cannot collide with an
 * instance a developer runs; a profile that acts on the real machine (node: hostRoot = /) gets
 * a sandbox root instead — the only values changed from what a user gets.
 */
final class Instance implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Distribution dist;
    private final Path base;
    private final String profile;

    private Instance(Distribution dist, Path base, String profile) {
        this.dist = dist;
        this.base = base;
        this.profile = profile;
    }

    /** Initialises a new base with the profile (bin/veilor init), on free ports. */
    static Instance init(Distribution dist, String profile, String name) throws Exception {
        Instance i = new Instance(dist, dist.freshBase(name), profile);
        i.veilor(Map.of(), "--profile", profile, "init").requireSuccess("initialise a base with profile " + profile);
        i.set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(FreePorts.next()));
        i.set("org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        i.set("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(FreePorts.next()));
        i.set("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(FreePorts.next()));
        if (Files.exists(i.etc("org.ops4j.pax.web.cfg"))) {
            i.set("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(FreePorts.next()));
        }
        if ("/".equals(i.get("org.veilor.core.cfg", "hostRoot"))) {
            i.set("org.veilor.core.cfg", "hostRoot", Files.createDirectories(i.base.resolve("host")).toString());
        }
        return i;
    }

    Path base() {
        return base;
    }

    String profile() {
        return profile;
    }

    Path etc(String file) {
        return base.resolve("etc").resolve(file);
    }

    Path karafLogFile() {
        return base.resolve("data/log/karaf.log");
    }

    KarafLog karafLog() throws IOException {
        return KarafLog.read(karafLogFile());
    }

    /** bin/veilor --base BASE ARGS… with extra environment variables. */
    Processes.Result veilor(Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(dist.home().resolve("bin/veilor").toString(), "--base", base.toString()));
        argv.addAll(List.of(args));
        return Processes.run(COMMAND_TIMEOUT, env, argv);
    }

    Processes.Result start() throws Exception {
        return veilor(Map.of(), "start").requireSuccess("start the " + profile + " instance");
    }

    /** bin/veilor wait with a deadline (and a hung-boot threshold, when given). */
    Processes.Result await(Duration limit, Duration hung) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("VEILOR_WAIT_SECONDS", Long.toString(limit.toSeconds()));
        if (hung != null) {
            env.put("VEILOR_HUNG_SECONDS", Long.toString(hung.toSeconds()));
        }
        return veilor(env, "wait");
    }

    Processes.Result client(String command) throws Exception {
        return veilor(Map.of(), "client", command);
    }

    /** Kills the JVM (a hung one does not stop) and waits until it is gone. */
    void kill() throws Exception {
        Path pidFile = base.resolve("karaf.pid");
        String pid = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
        if (!pid.isEmpty()) {
            var jvm = ProcessHandle.of(Long.parseLong(pid));
            if (jvm.isPresent()) {
                jvm.get().destroyForcibly();
                jvm.get().onExit().get(1, java.util.concurrent.TimeUnit.MINUTES);
            }
        }
    }

    /** bin/veilor stop (which waits for the JVM), then makes sure no JVM of this base is left. */
    @Override
    public void close() throws Exception {
        veilor(Map.of(), "stop");
        kill();
    }

    private String get(String file, String key) throws IOException {
        if (!Files.exists(etc(file))) {
            return null;
        }
        Matcher m = line(key).matcher(Files.readString(etc(file)));
        return m.find() ? m.group(2).strip() : null;
    }

    /** Sets key = value in a base's .cfg file, replacing the line that has it or adding one. */
    private void set(String file, String key, String value) throws IOException {
        Path f = etc(file);
        String text = Files.exists(f) ? Files.readString(f) : "";
        Matcher m = line(key).matcher(text);
        text = m.find() ? m.replaceFirst(Matcher.quoteReplacement(key + " = " + value))
                : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + key + " = " + value + "\n";
        Files.writeString(f, text);
    }

    private static Pattern line(String key) {
        return Pattern.compile("(?m)^[ \\t]*(" + Pattern.quote(key) + ")[ \\t]*=(.*)$");
    }
}
