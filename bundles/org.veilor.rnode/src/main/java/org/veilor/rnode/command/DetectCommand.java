package org.veilor.rnode.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.RadioStatus;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.internal.RNodeManager;

/** {@code rnode:detect PORT}: is there an RNode on this port, and what is it. */
@Command(scope = "rnode", name = "detect", description = "Opens a serial port, runs the RNode detect handshake and prints firmware version, platform, MCU and board. A port a configured radio holds is not opened: its radio's last detection is shown.")
@Service
public class DetectCommand implements Action {

    @Reference
    RNodeManager manager;

    @Argument(index = 0, name = "port", required = true, description = "Device path, for example /dev/serial/by-id/usb-...")
    @Completion(FileCompleter.class)
    String port;

    @Option(name = "--boot-delay", description = "Milliseconds to wait after opening before asking (opening resets ESP32 boards)")
    int bootDelay = 2000;

    @Option(name = "--timeout", description = "Milliseconds the device has to answer the detect handshake")
    int timeout = 5000;

    @Option(name = "--attempts", description = "Detect handshakes tried, each on a line cleared of what was left on it, before the port is called not an RNode")
    int attempts = 3;

    @Override
    public Object execute() throws Exception {
        PrintStream out = System.out;
        String owner = manager.owner(port);
        if (owner != null) {
            LoraRadio radio = manager.radios().stream().filter(r -> r.name().equals(owner)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(port + " is held by " + owner + "; not opening it"));
            RadioStatus s = radio.status();
            out.println(port + " is held by radio " + s.name() + " (" + s.state().label() + ")");
            if (s.device() != null) {
                print(out, s.device());
            }
            return null;
        }
        DeviceInfo info = manager.probe(port, bootDelay, timeout, attempts);
        out.println("RNode detected on " + port);
        print(out, info);
        return null;
    }

    private static void print(PrintStream out, DeviceInfo info) {
        out.println("  firmware  " + info.firmware());
        out.println("  platform  " + info.platformName());
        out.println("  MCU       " + info.mcuName());
        out.println("  board     " + info.boardName());
    }
}
