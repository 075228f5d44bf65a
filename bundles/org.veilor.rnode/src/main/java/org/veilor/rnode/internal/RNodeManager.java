package org.veilor.rnode.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.veilor.core.ConfigException;
import org.veilor.core.ConfigStatus;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.RadioException;

/**
 * What the radios and the {@code rnode:*} commands share: the configured radios, who owns which
 * port (one owner per port), the machine's serial ports, and one-off detect probes.
 */
@Component(service = RNodeManager.class, name = "org.veilor.rnode.manager")
public class RNodeManager {

    private final PortAcquirer ports;
    private final PortCatalog catalog;
    private final ConfigStatus configStatus;
    private final PortClaims claims = new PortClaims();
    private final Map<String, ManagedRadio> radios = new ConcurrentHashMap<>();

    private final ConfigurationAdmin configAdmin;

    @Activate
    public RNodeManager(@Reference ConfigStatus configStatus, @Reference ConfigurationAdmin configAdmin) {
        this(new PortAcquirer(JSerialCommLine.OPENER, PortHolders.system()), PortCatalog.system(), configStatus, configAdmin);
    }

    RNodeManager(PortAcquirer ports, PortCatalog catalog, ConfigStatus configStatus, ConfigurationAdmin configAdmin) {
        this.ports = ports;
        this.catalog = catalog;
        this.configStatus = configStatus;
        this.configAdmin = configAdmin;
    }

    PortAcquirer ports() {
        return ports;
    }

    PortClaims claims() {
        return claims;
    }

    /** Refuses a second radio configuration with a name already in use (part of validation). */
    RadioPlan checkUnique(RadioPlan plan) {
        ManagedRadio other = radios.get(plan.name());
        if (other != null && !other.plan().pid().equals(plan.pid())) {
            throw new ConfigException(plan.pid(), "name", plan.name(), "already used by radio configuration " + other.plan().pid());
        }
        return plan;
    }

    /** A radio for this plan, wired to the shared ports and claims. */
    ManagedRadio create(RadioPlan plan, ManagedRadio.Publisher publisher) {
        return new ManagedRadio(plan, ports, claims, this::autoCandidates, publisher);
    }

    void register(ManagedRadio radio) {
        radios.put(radio.plan().name(), radio);
    }

    void unregister(ManagedRadio radio) {
        radios.values().removeIf(r -> r == radio);
    }

    /** Renames a radio whose configuration changed its name. */
    void renamed(String oldName, ManagedRadio radio) {
        radios.remove(oldName, radio);
        radios.put(radio.plan().name(), radio);
    }

    /** The configured radios that are running (whatever their state), by name. */
    public List<LoraRadio> radios() {
        List<LoraRadio> out = new ArrayList<>(radios.values());
        out.sort(Comparator.comparing(LoraRadio::name));
        return out;
    }

    public Optional<LoraRadio> radio(String name) {
        return Optional.ofNullable(radios.get(name));
    }

    /**
     * The radio a command means: the named one, or the only one there is.
     *
     * @throws IllegalArgumentException naming the radios there are
     */
    public LoraRadio pick(String name) {
        List<LoraRadio> all = radios();
        if (name != null) {
            return radio(name).orElseThrow(() -> new IllegalArgumentException("no radio named '" + name + "'; configured: "
                    + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(LoraRadio::name).toList()))));
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new IllegalArgumentException(all.isEmpty()
                ? "no radio is configured (create a factory configuration of " + RadioConfig.FACTORY_PID + ")"
                : "several radios are configured; say which with --radio (" + String.join(", ", all.stream().map(LoraRadio::name).toList()) + ")");
    }

    /** Configuration reports of radio configurations that failed or were refused (from core's status). */
    public List<ConfigStatus.Report> configurationProblems() {
        return configStatus.reports().stream().filter(r -> r.component().startsWith(RadioConfig.FACTORY_PID))
                .filter(r -> exists(r.component())).toList();
    }

    /** A failed configuration that was deleted leaves its report behind; only existing ones count. */
    private boolean exists(String pid) {
        try {
            return configAdmin == null || configAdmin.listConfigurations("(service.pid=" + pid + ")") != null;
        } catch (IOException | InvalidSyntaxException e) {
            return true;
        }
    }

    /** Every serial port, with the configured radios' ports and any extra paths given. */
    public List<PortCatalog.Port> ports(List<String> extra) {
        List<String> all = new ArrayList<>(extra);
        for (LoraRadio r : radios()) {
            all.add(r.devicePath());
        }
        return catalog.ports(all);
    }

    /** Who holds a port: a radio, a hand-over owner, a probe; null when nobody in this bundle does. */
    public String owner(String path) {
        return claims.owner(path);
    }

    /** Candidates for {@code port = auto}: stable names first, then the other enumerated ports. */
    List<String> autoCandidates() {
        return catalog.ports(List.of()).stream().map(PortCatalog.Port::path).toList();
    }

    /**
     * Detects an RNode on a port nobody holds, with up to {@code attempts} handshakes on a cleared line.
     *
     * @throws RadioException when it does not answer, or a radio or another program holds the port
     */
    public DeviceInfo probe(String path, int bootDelayMs, int timeoutMs, int attempts) throws IOException, RadioException {
        String key = claims.claim(path, "an rnode probe (" + Thread.currentThread().getName() + ")");
        if (key == null) {
            throw new RadioException(path + " is held by " + claims.owner(path) + "; not probing it");
        }
        try {
            return RNodeProbe.probe(ports, path, new OpenRule(bootDelayMs, timeoutMs, attempts, 0));
        } finally {
            claims.release(key);
        }
    }
}
