package org.veilor.seed.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.core.ReleaseGates;
import org.veilor.seed.Seeder;

/** {@code seed:add FILE}: a pinned copy in the store, its hash and a ticket. */
@Command(scope = "seed", name = "add", description = "Copies a file into the seed store as a pinned blob (never evicted) and prints "
        + "its BLAKE3 hash and an iroh-format blob ticket; with --service and --name it is also announced under that name.")
@Service
public class AddCommand implements Action {

    @Reference(optional = true)
    Seeder seeder;

    @Reference(optional = true)
    ReleaseGates gates;

    @Argument(index = 0, name = "file", description = "Host path of the file (the host root is / on a node)", required = true)
    String file;

    @Option(name = "--service", aliases = "-s", description = "A seeded service to announce the file in (needs --name)")
    String service;

    @Option(name = "--name", aliases = "-n", description = "The name to bind in that service, e.g. media/logo.png")
    String name;

    @Override
    public Object execute() throws Exception {
        Seeder.Added a = SeedCommands.require(seeder, gates).add(file, service, name);
        PrintStream out = System.out;
        out.println("hash:   " + a.hash());
        out.println("size:   " + a.size());
        out.println("ticket: " + a.ticket().encode());
        if (service != null) {
            out.println("named:  " + service + "/" + name);
        }
        return null;
    }
}
