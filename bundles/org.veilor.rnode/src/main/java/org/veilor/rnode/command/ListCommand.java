package org.veilor.rnode.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.internal.PortCatalog;
import org.veilor.rnode.internal.RNodeManager;

/** {@code rnode:list}: the serial ports and which of them answer as RNodes. */
@Command(scope = "rnode", name = "list", description = "Lists the serial ports (stable /dev/serial/by-id names first) and probes the free ones with the RNode detect handshake, showing firmware and platform of those that answer.")
@Service
public class ListCommand implements Action {

    @Reference
    RNodeManager manager;

    @Argument(index = 0, name = "port", multiValued = true, required = false, description = "Extra device paths to include (ports the enumeration does not show, such as a PTY bridge)")
    List<String> extra = new ArrayList<>();

    @Option(name = "--no-probe", description = "Only list the ports; do not open them")
    boolean noProbe;

    @Option(name = "--boot-delay", description = "Milliseconds to wait after opening a port before asking (opening resets ESP32 boards)")
    int bootDelay = 2000;

    @Option(name = "--timeout", description = "Milliseconds a port has to answer the detect handshake")
    int timeout = 3000;

    @Option(name = "--attempts", description = "Detect handshakes tried, each on a line cleared of what was left on it, before the port is called not an RNode")
    int attempts = 3;

    @Override
    public Object execute() throws Exception {
        List<PortCatalog.Port> ports = manager.ports(extra == null ? List.of() : extra);
        PrintStream out = System.out;
        if (ports.isEmpty()) {
            out.println("No serial ports found. Plug in an RNode (it appears under /dev/serial/by-id/).");
            return null;
        }
        List<Future<String>> answers = new ArrayList<>();
        ExecutorService probes = Executors.newFixedThreadPool(Math.min(8, ports.size()), r -> new Thread(r, "rnode-list-probe"));
        try {
            for (PortCatalog.Port p : ports) {
                answers.add(probes.submit(() -> answer(p)));
            }
            ShellTable table = new ShellTable();
            table.column("Port");
            table.column("Device");
            table.column("Description");
            table.column("RNode").maxSize(80).wrap();
            for (int i = 0; i < ports.size(); i++) {
                PortCatalog.Port p = ports.get(i);
                table.addRow().addContent(p.path(), p.stable() ? p.device() : "", p.description(), answers.get(i).get());
            }
            table.print(out);
        } finally {
            probes.shutdownNow();
        }
        return null;
    }

    private String answer(PortCatalog.Port p) {
        String owner = manager.owner(p.path());
        if (owner != null) {
            return manager.radios().stream().filter(r -> r.name().equals(owner)).findFirst()
                    .map(r -> "radio " + r.name() + " (" + r.status().state().label() + ")"
                            + (r.status().device() == null ? "" : ": " + r.status().device().describe()))
                    .orElse("held by " + owner);
        }
        if (noProbe) {
            return "";
        }
        try {
            DeviceInfo info = manager.probe(p.path(), bootDelay, timeout, attempts);
            return "yes: " + info.describe();
        } catch (Exception e) {
            return "no (" + e.getMessage() + ")";
        }
    }
}
