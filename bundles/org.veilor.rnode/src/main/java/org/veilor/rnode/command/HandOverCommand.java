package org.veilor.rnode.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.internal.RNodeManager;

/** {@code rnode:handover}: releases a radio's port to another program, or takes it back. */
@Command(scope = "rnode", name = "handover", description = "Releases a radio's serial port to another program (rnsd, rnodeconf to flash firmware) and keeps the radio registered as handed over; with --back, takes the port back and re-detects, reconfigures and verifies.")
@Service
public class HandOverCommand implements Action {

    @Reference
    RNodeManager manager;

    @Argument(index = 0, name = "radio", required = false, description = "The radio (needed when several are configured)")
    String radio;

    @Option(name = "--to", description = "Who takes the port, for status output")
    String to = "an operator";

    @Option(name = "--back", description = "Take the port back instead")
    boolean back;

    @Override
    public Object execute() throws Exception {
        LoraRadio r = manager.pick(radio);
        if (back) {
            r.takeBack();
            System.out.println(r.name() + " took " + r.devicePath() + " back: " + r.status().state().label());
        } else {
            r.handOver(to);
            System.out.println(r.name() + " released " + r.devicePath() + " to " + to + "; take it back with rnode:handover --back " + r.name());
        }
        return null;
    }
}
