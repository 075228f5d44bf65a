package org.veilor.seed.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.core.ReleaseGates;
import org.veilor.seed.Seeder;

/** {@code seed:ticket NAME}: the blob ticket of something this node holds. */
@Command(scope = "seed", name = "ticket", description = "Prints the iroh-format blob ticket (this node as provider) of a blob it holds, "
        + "by service/name, by a name unique among the services, or by hash.")
@Service
public class TicketCommand implements Action {

    @Reference(optional = true)
    Seeder seeder;

    @Reference(optional = true)
    ReleaseGates gates;

    @Argument(index = 0, name = "name", description = "service/name, a name, or a 64-hex BLAKE3 hash", required = true)
    @Completion(NameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        System.out.println(SeedCommands.require(seeder, gates).ticket(name).encode());
        return null;
    }
}
