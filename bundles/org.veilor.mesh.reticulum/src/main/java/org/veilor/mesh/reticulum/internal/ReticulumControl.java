package org.veilor.mesh.reticulum.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.FileAttrs;
import org.veilor.core.Host;
import org.veilor.mesh.Floor;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.reticulum.internal.ReticulumConfigRenderer.RadioInterface;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.RadioStatus;

/**
 * What {@code mesh:reticulum} does: render and write the config, start rnsd on request with the
 * radio's port handed to it first, stop it and take the port back (one owner per port), check the
 * radio against the device field by field. Starts and stops never interleave.
 */
public final class ReticulumControl {

    private final Logger logger = LoggerFactory.getLogger(ReticulumControl.class);
    private final Host host;
    private final Supplier<ReticulumSettings> settings;
    private final RadioDirectory radios;
    private final RnsdUnit unit;
    private final AutoInterfaceFirewall firewall;
    private final Object lock = new Object();

    ReticulumControl(Host host, Supplier<ReticulumSettings> settings, RadioDirectory radios) {
        this.host = host;
        this.settings = settings;
        this.radios = radios;
        this.unit = new RnsdUnit(host, settings);
        this.firewall = new AutoInterfaceFirewall(host);
    }

    ReticulumSettings settings() {
        return settings.get();
    }

    RnsdUnit unit() {
        return unit;
    }

    /** The named radio's status, empty when none is named or its service is gone. */
    Optional<RadioStatus> radioStatus() {
        ReticulumSettings s = settings.get();
        return s.hasRadio() ? radios.find(s.radio()).map(LoraRadio::status) : Optional.empty();
    }

    /** The L3c state and floor (iii) claim now (what the layer reports to the supervisor). */
    public LayerStatus assess() {
        ReticulumSettings s = settings.get();
        RnsdUnit.State state;
        try {
            state = unit.state();
        } catch (IOException e) {
            return LayerStatus.down("cannot ask systemd about " + RnsdUnit.UNIT + ": " + e.getMessage() + "; "
                    + ReticulumAssessment.interfaces(s));
        }
        return ReticulumAssessment.assess(s, state, radioStatus());
    }

    /** Label and value rows for {@code mesh:reticulum status}. */
    public List<String[]> statusRows() {
        ReticulumSettings s = settings.get();
        List<String[]> rows = new ArrayList<>();
        String rnsd;
        try {
            RnsdUnit.State st = unit.state();
            rnsd = st.describe() + ", unit " + (st.unitFile().isEmpty() ? "state unknown" : st.unitFile())
                    + (unit.rnsdInstalled() ? "" : "; RetiNet not installed (ujust install-reticulum)");
        } catch (IOException e) {
            rnsd = "unknown: " + e.getMessage();
        }
        rows.add(new String[] { "rnsd", rnsd });
        rows.add(new String[] { "config", ReticulumConfigRenderer.CONFIG_FILE + " (rnsd --config "
                + ReticulumConfigRenderer.CONFIG_DIR + ")" });
        rows.add(new String[] { "AutoInterface", s.autoInterface() ? "on, group " + s.groupId() : "off" });
        rows.add(new String[] { "backbone", s.backboneSummary() + (s.backbonePeers().isEmpty() ? ""
                : ": " + s.backbonePeers().stream().map(BackbonePeer::toString).collect(Collectors.joining(", "))) });
        rows.add(new String[] { "transport", s.transport() ? "on" : "off" });
        rows.add(new String[] { "radio", s.hasRadio() ? ReticulumAssessment.radioLine(s, radioStatus()) : "none (floor (iii) cannot hold)" });
        rows.add(new String[] { "RetiNet", s.source().describe() });
        LayerStatus l = assess();
        rows.add(new String[] { "L3c", l.state().label() + ": " + l.detail() });
        String floor = l.floors().stream().filter(c -> c.floor() == Floor.III).findFirst()
                .map(c -> (c.survives() && l.state().up() ? "holds: " : "does not hold: ") + c.reason())
                .orElse("does not hold: L3c is " + l.state().label());
        rows.add(new String[] { "floor (iii)", floor });
        return rows;
    }

    /** The config rnsd would get now. */
    public String render() {
        ReticulumSettings s = settings.get();
        return ReticulumConfigRenderer.render(s, radioInterface(s, requireRadio(s)));
    }

    /** Renders and writes the config atomically; returns its host path. */
    public String writeConfig() throws IOException {
        String text = render();
        host.mkdirs(ReticulumConfigRenderer.CONFIG_DIR, FileAttrs.mode(0750));
        host.writeAtomic(ReticulumConfigRenderer.CONFIG_FILE, text.getBytes(StandardCharsets.UTF_8), FileAttrs.PUBLIC);
        return ReticulumConfigRenderer.CONFIG_FILE;
    }

    /** Where ujust install-reticulum takes RetiNet from; throws when unset. */
    public RetinetSource source() {
        RetinetSource src = settings.get().source();
        if (!src.configured()) {
            throw new IllegalStateException("the RetiNet source is unset (PID " + ReticulumSettings.PID
                    + ": retinetRepository, retinetVersion): set the fork's repository and version in the node profile;"
                    + " upstream RNS is never installed instead");
        }
        return src;
    }

    /** Asks the RNode now for every parameter and compares with its configuration. */
    public List<FieldCheck> checkRadio() throws RadioException {
        ReticulumSettings s = settings.get();
        if (!s.hasRadio()) {
            throw new IllegalStateException("no RNode radio is named (PID " + ReticulumSettings.PID + ", key radio)");
        }
        LoraRadio r = requireRadio(s).orElseThrow();
        if (r.status().state() == RadioState.HANDED_OVER) {
            throw new IllegalStateException("RNode " + r.name() + " is handed over to " + r.status().owner()
                    + ": the device cannot be asked while rnsd holds it (mesh:reticulum stop first)");
        }
        return r.checkDevice();
    }

    /**
     * Starts rnsd: checks the radio against the device, writes the config, hands the port over, opens
     * the AutoInterface ports, starts the unit. On failure, everything done is undone.
     */
    public void start(Consumer<String> progress) throws IOException, RadioException {
        synchronized (lock) {
            ReticulumSettings s = settings.get();
            RnsdUnit.State before = unit.state();
            Optional<LoraRadio> radio = requireRadio(s);
            if (before.running()) {
                if (radio.isPresent() && radio.get().status().state() != RadioState.HANDED_OVER) {
                    throw new IllegalStateException("rnsd runs already but was not started by mesh:reticulum start: RNode "
                            + radio.get().name() + " is still held by the Veilor driver. Run mesh:reticulum stop, then start");
                }
                progress.accept("rnsd is running already");
                return;
            }
            if (!before.installed()) {
                throw new IllegalStateException(RnsdUnit.UNIT + " is not installed on this machine (" + before.load() + ")");
            }
            if (!unit.rnsdInstalled()) {
                throw new IllegalStateException("RetiNet is not installed (" + RnsdUnit.RNSD + " is missing): run ujust install-reticulum");
            }
            if (radio.isPresent()) {
                verify(radio.get(), progress);
            }
            progress.accept("wrote " + writeConfig());
            if (radio.isPresent()) {
                radio.get().handOver(ReticulumAssessment.OWNER);
                progress.accept("handed " + radio.get().devicePath() + " over to rnsd");
            }
            boolean opened = false;
            try {
                if (s.autoInterface()) {
                    progress.accept(openFirewall());
                    opened = true;
                }
                unit.start();
                progress.accept("started " + RnsdUnit.UNIT);
                logger.info("rnsd started on request{}", radio.map(r -> " with RNode " + r.name()).orElse(""));
            } catch (IOException | RuntimeException e) {
                undoStart(radio, opened, progress);
                throw e;
            }
        }
    }

    /** Stops rnsd, then takes the radio's port back and closes the AutoInterface ports. */
    public void stop(Consumer<String> progress) throws IOException, RadioException {
        synchronized (lock) {
            ReticulumSettings s = settings.get();
            if (unit.state().running()) {
                unit.stop();
                progress.accept("stopped " + RnsdUnit.UNIT);
                logger.info("rnsd stopped on request");
            } else {
                progress.accept("rnsd was not running");
            }
            if (unit.state().running()) {
                throw new IOException("rnsd still runs after systemctl stop: the radio's port stays with it");
            }
            if (s.autoInterface()) {
                progress.accept(closeFirewall());
            }
            // Every radio handed to rnsd, not only the one named now: the configuration may have
            // changed since start, and the port must not stay with a stopped rnsd. One that cannot be
            // taken back (its port still held) keeps trying by itself and does not hold up the others.
            List<String> failed = new ArrayList<>();
            for (LoraRadio r : radios.all()) {
                RadioStatus st = r.status();
                if (st.state() == RadioState.HANDED_OVER && ReticulumAssessment.OWNER.equals(st.owner())) {
                    try {
                        r.takeBack();
                        progress.accept("took " + r.devicePath() + " back: RNode " + r.name() + " is " + r.status().state().label());
                    } catch (RadioException e) {
                        progress.accept("could not take " + r.devicePath() + " back: " + e.getMessage());
                        failed.add(e.getMessage());
                    }
                }
            }
            if (!failed.isEmpty()) {
                throw new RadioException(String.join("; ", failed) + " (the radio keeps trying by itself; rnode:status shows it)");
            }
        }
    }

    private void verify(LoraRadio r, Consumer<String> progress) throws RadioException {
        RadioStatus st = r.status();
        if (st.state() != RadioState.UP) {
            throw new IllegalStateException("RNode " + r.name() + " is " + st.state().label()
                    + (st.reason().isEmpty() ? "" : ": " + st.reason()) + "; rnsd is started only on a radio detected and"
                    + " verified by the Veilor driver");
        }
        List<FieldCheck> checks = r.checkDevice();
        List<FieldCheck> bad = checks.stream().filter(c -> !c.verdict().accepted()).toList();
        if (!bad.isEmpty()) {
            throw new IllegalStateException("RNode " + r.name() + " does not hold its configuration; rnsd was not started:\n  "
                    + bad.stream().map(FieldCheck::describe).collect(Collectors.joining("\n  ")));
        }
        progress.accept("RNode " + r.name() + " verified on " + r.devicePath() + ": " + st.device().describe());
    }

    private void undoStart(Optional<LoraRadio> radio, boolean opened, Consumer<String> progress) {
        if (opened) {
            progress.accept(closeFirewall());
        }
        if (radio.isPresent() && radio.get().status().state() == RadioState.HANDED_OVER) {
            try {
                radio.get().takeBack();
                progress.accept("took " + radio.get().devicePath() + " back");
            } catch (RadioException e) {
                progress.accept("could not take " + radio.get().devicePath() + " back: " + e.getMessage());
            }
        }
    }

    private String openFirewall() {
        try {
            return firewall.open();
        } catch (IOException e) {
            return "could not open the AutoInterface ports: " + e.getMessage();
        }
    }

    private String closeFirewall() {
        try {
            return firewall.close();
        } catch (IOException e) {
            return "could not close the AutoInterface ports: " + e.getMessage();
        }
    }

    /** The named radio's service, or a clear error when it is named but not there. */
    private Optional<LoraRadio> requireRadio(ReticulumSettings s) {
        if (!s.hasRadio()) {
            return Optional.empty();
        }
        return Optional.of(radios.find(s.radio()).orElseThrow(() -> new IllegalStateException("RNode radio " + s.radio()
                + " (PID " + ReticulumSettings.PID + ", key radio) has no LoraRadio service: it is not configured"
                + " (org.veilor.rnode.radio), or its device is absent or down; see rnode:status")));
    }

    private static Optional<RadioInterface> radioInterface(ReticulumSettings s, Optional<LoraRadio> radio) {
        return radio.map(r -> new RadioInterface(r.name(), r.devicePath(), r.settings(), r.status().flowControl()));
    }
}
