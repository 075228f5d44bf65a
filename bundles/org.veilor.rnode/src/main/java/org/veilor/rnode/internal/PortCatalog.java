package org.veilor.rnode.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Folders;

/**
 * The serial ports of the machine: what jSerialComm enumerates, the stable names udev gives them
 * under {@code /dev/serial/by-id}, and any extra paths asked for (configured radios, PTYs). One
 * entry per device, named by its stable name when it has one.
 */
public final class PortCatalog {

    /** One serial port. */
    public record Port(String path, String device, String description) {

        /** Whether {@link #path} is a stable by-id name rather than the kernel's node. */
        public boolean stable() {
            return !path.equals(device);
        }
    }

    /** A port as an enumerator sees it. */
    record Enumerated(String device, String description) {
    }

    private final Logger logger = LoggerFactory.getLogger(PortCatalog.class);
    private final Path byIdFolder;
    private final Supplier<List<Enumerated>> enumerator;

    PortCatalog(Path byIdFolder, Supplier<List<Enumerated>> enumerator) {
        this.byIdFolder = byIdFolder;
        this.enumerator = enumerator;
    }

    /** The machine's ports: jSerialComm's enumeration and udev's {@code /dev/serial/by-id}. */
    static PortCatalog system() {
        return new PortCatalog(Path.of("/dev/serial/by-id"), PortCatalog::jSerialComm);
    }

    static List<Enumerated> jSerialComm() {
        List<Enumerated> out = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            String usb = p.getVendorID() > 0 ? String.format(Locale.ROOT, " [USB %04x:%04x%s]", p.getVendorID(), p.getProductID(),
                    p.getSerialNumber() == null || p.getSerialNumber().isBlank() || "Unknown".equals(p.getSerialNumber()) ? ""
                            : " serial " + p.getSerialNumber()) : "";
            out.add(new Enumerated(p.getSystemPortPath(), p.getDescriptivePortName() + usb));
        }
        return out;
    }

    /** Every port, stable names first, then the rest by device path; extras added when they exist. */
    List<Port> ports(Collection<String> extra) {
        Map<String, Port> byDevice = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (Enumerated e : enumerator.get()) {
            descriptions.put(PortClaims.realPath(e.device()), e.description());
        }
        for (Path link : byId()) {
            String device;
            try {
                Optional<Path> real = Folders.ifPresent(link, l -> l.toRealPath());
                if (real.isEmpty()) {
                    continue; // unplugged since the listing: the link (or its device) is gone
                }
                device = real.get().toString();
            } catch (IOException e) {
                device = link.toString(); // listed under its own name, so it is seen
            }
            byDevice.putIfAbsent(device, new Port(link.toString(), device, descriptions.getOrDefault(device, "")));
        }
        for (String path : extra) {
            if (!RadioPlan.AUTO.equals(path) && Files.exists(Path.of(path))) {
                String device = PortClaims.realPath(path);
                byDevice.putIfAbsent(device, new Port(path, device, descriptions.getOrDefault(device, "")));
            }
        }
        for (Map.Entry<String, String> e : descriptions.entrySet()) {
            byDevice.putIfAbsent(e.getKey(), new Port(e.getKey(), e.getKey(), e.getValue()));
        }
        return new ArrayList<>(byDevice.values());
    }

    /** The stable names; none when udev made none (no folder). */
    private List<Path> byId() {
        try {
            return Folders.list(byIdFolder);
        } catch (IOException e) {
            logger.warn("cannot read {} ({}): ports are listed by their kernel names only", byIdFolder, e.toString());
            return List.of();
        }
    }
}
