package org.veilor.mesh.reticulum.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * The rnsd systemd unit, through {@link Host}: its state from {@code systemctl show}, and start and
 * stop on request. The image installs the unit disabled; nothing here enables it.
 */
final class RnsdUnit {

    static final String UNIT = "rnsd.service";
    /** Where ujust install-reticulum puts RetiNet (a virtualenv; writable on an atomic OS). */
    static final String RETINET = "/var/lib/retinet/current";
    static final String RNSD = RETINET + "/bin/rnsd";

    /**
     * What systemd says about the unit.
     *
     * @param load {@code loaded}, {@code not-found}, …
     * @param active {@code active}, {@code inactive}, {@code failed}, {@code activating}, …
     * @param sub {@code running}, {@code dead}, {@code auto-restart}, …
     * @param unitFile {@code disabled}, {@code enabled}, … (empty when unknown)
     */
    record State(String load, String active, String sub, String unitFile) {

        boolean installed() {
            return !load.equals("not-found") && !load.isEmpty();
        }

        /** Running, as far as systemd knows (reloading counts: the process is there). */
        boolean running() {
            return active.equals("active") || active.equals("reloading");
        }

        /** The unit would start at boot: the strategy's rule 7 forbids it. */
        boolean enabledAtBoot() {
            return unitFile.startsWith("enabled");
        }

        String describe() {
            return active + (sub.isEmpty() ? "" : " (" + sub + ")");
        }
    }

    private final Host host;
    private final Supplier<ReticulumSettings> settings;

    RnsdUnit(Host host, Supplier<ReticulumSettings> settings) {
        this.host = host;
        this.settings = settings;
    }

    /** Whether RetiNet's rnsd is installed where the unit runs it from. */
    boolean rnsdInstalled() throws IOException {
        return host.exists(RNSD);
    }

    /** {@code systemctl show}: the one query, parsed; throws when systemctl cannot answer. */
    State state() throws IOException {
        if (host.which("systemctl").isEmpty()) {
            throw new IOException("systemctl is not on the executable search path");
        }
        int timeout = settings.get().statusTimeoutSeconds();
        ProcessResult r = host.run(ProcessSpec.of("systemctl", "show", UNIT, "--property=LoadState",
                "--property=ActiveState", "--property=SubState", "--property=UnitFileState")
                .timeout(Duration.ofSeconds(timeout)).build());
        if (r.timedOut()) {
            throw new IOException("systemctl show " + UNIT + " did not answer within " + timeout + " s");
        }
        r.orThrow();
        return parse(r.stdout());
    }

    static State parse(String show) {
        Map<String, String> p = new HashMap<>();
        for (String line : show.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                p.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new State(p.getOrDefault("LoadState", ""), p.getOrDefault("ActiveState", ""), p.getOrDefault("SubState", ""),
                p.getOrDefault("UnitFileState", ""));
    }

    void start() throws IOException {
        systemctl("start");
    }

    void stop() throws IOException {
        systemctl("stop");
    }

    private void systemctl(String verb) throws IOException {
        int timeout = settings.get().startTimeoutSeconds();
        ProcessResult r = host.run(ProcessSpec.of("systemctl", verb, UNIT).timeout(Duration.ofSeconds(timeout)).build());
        if (r.timedOut()) {
            throw new IOException("systemctl " + verb + " " + UNIT + " did not finish within " + timeout + " s");
        }
        if (!r.ok()) {
            throw new IOException(r.describeFailure() + " (journalctl -u " + UNIT + " says why)");
        }
    }
}
