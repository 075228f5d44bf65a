package org.veilor.seed.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.core.ReleaseGates;
import org.veilor.seed.SeedStatus;
import org.veilor.seed.Seeder;
import org.veilor.seed.internal.Sizes;

/** {@code seed:status}: the node, its cache against the cap, its services and its peers. */
@Command(scope = "seed", name = "status", description = "Shows the seed node: its id and transport, blobs, cache use against the cap, "
        + "pulls in flight, seeded services (watching, mirror or refused) and known peers.")
@Service
public class StatusCommand implements Action {

    @Reference(optional = true)
    Seeder seeder;

    @Reference(optional = true)
    ReleaseGates gates;

    @Option(name = "--json", aliases = "-j", description = "Print JSON instead of tables")
    boolean json;

    @Override
    public Object execute() throws Exception {
        SeedStatus s = SeedCommands.require(seeder, gates).status();
        PrintStream out = System.out;
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(s)));
            return null;
        }
        out.println("node:      " + s.node().toHex());
        out.println("transport: " + s.transport());
        out.println("blobs:     " + s.blobs() + " (pinned " + Sizes.format(s.pinnedBytes()) + ")");
        out.printf("cache:     %s of %s (%.0f %%)%n", Sizes.format(s.cacheBytes()), Sizes.format(s.cacheCap()),
                100.0 * s.cacheBytes() / Math.max(1, s.cacheCap()));
        for (SeedStatus.Pull p : s.pulls()) {
            out.println("pulling:   " + p.hash().substring(0, 10) + " " + Sizes.format(p.verified()) + " of "
                    + (p.size() < 0 ? "?" : Sizes.format(p.size())) + " from " + p.provider());
        }
        ShellTable services = new ShellTable();
        services.column("Service");
        services.column("State");
        services.column("Blobs").alignRight();
        services.column("Bytes").alignRight();
        services.column("Folder");
        services.column("Topic");
        services.column("Detail");
        for (SeedStatus.Service v : s.services()) {
            services.addRow().addContent(v.name(), v.state(), v.blobs(), Sizes.format(v.bytes()), v.folder(),
                    v.topic().substring(0, 10), v.detail());
        }
        services.print(out);
        ShellTable peers = new ShellTable();
        peers.column("Peer");
        peers.column("State");
        peers.column("Node");
        peers.column("Last seen");
        peers.column("Detail");
        for (SeedStatus.Peer p : s.peers()) {
            peers.addRow().addContent(p.address(), p.state(), p.node() == null ? "" : p.node().toShortHex(),
                    p.lastSeen() == null ? "never" : p.lastSeen().toString(), p.detail());
        }
        peers.print(out);
        return null;
    }

    private static ObjectNode toJson(SeedStatus s) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("node", s.node().toHex());
        o.put("transport", s.transport());
        o.put("blobs", s.blobs());
        o.put("cacheBytes", s.cacheBytes());
        o.put("cacheCap", s.cacheCap());
        o.put("pinnedBytes", s.pinnedBytes());
        ArrayNode pulls = o.putArray("pulls");
        s.pulls().forEach(p -> pulls.addObject().put("hash", p.hash()).put("verified", p.verified()).put("size", p.size())
                .put("provider", p.provider()));
        ArrayNode services = o.putArray("services");
        s.services().forEach(v -> services.addObject().put("name", v.name()).put("topic", v.topic()).put("folder", v.folder())
                .put("state", v.state()).put("detail", v.detail()).put("blobs", v.blobs()).put("bytes", v.bytes()));
        ArrayNode peers = o.putArray("peers");
        s.peers().forEach(p -> peers.addObject().put("address", p.address()).put("node", p.node() == null ? null : p.node().toHex())
                .put("state", p.state()).put("lastSeen", p.lastSeen() == null ? null : p.lastSeen().toString())
                .put("detail", p.detail()));
        return o;
    }
}
