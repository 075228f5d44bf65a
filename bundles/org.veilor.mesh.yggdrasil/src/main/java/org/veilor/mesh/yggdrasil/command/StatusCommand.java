package org.veilor.mesh.yggdrasil.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.yggdrasil.internal.DaemonPeer;
import org.veilor.mesh.yggdrasil.internal.YggAddress;
import org.veilor.mesh.yggdrasil.internal.YggAssessment;
import org.veilor.mesh.yggdrasil.internal.YggdrasilNode;

/** {@code ygg:status}: the daemon's live state, peers, floors and warnings. */
@Command(scope = "ygg", name = "status", description = "Shows L3b live from the yggdrasil admin socket: state (idle, active, down), release and dialect, this node's key and address, every configured peer with its link, the floors it carries, and what the operator should fix.")
@Service
public class StatusCommand implements Action {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Reference(optional = true)
    YggdrasilNode node;

    @Option(name = "--json", aliases = "-j", description = "Print the status as JSON")
    boolean json;

    @Override
    public Object execute() throws Exception {
        YggdrasilNode.Status s = Nodes.require(node, "ygg:status").status();
        PrintStream out = System.out;
        if (json) {
            out.println(JSON.writeValueAsString(json(s)));
            return null;
        }
        out.println("L3b Yggdrasil: " + s.assessment().state().label() + " — " + s.assessment().detail());
        out.println("release   " + (s.version() == null ? "unknown" : "yggdrasil " + s.version().text() + " ("
                + s.version().dialect().label() + " dialect)") + ", admin " + s.adminEndpoint());
        if (s.nodeKey() != null) {
            byte[] k = YggAddress.parsePublicHex(s.nodeKey());
            out.println("node      key " + s.nodeKey() + ", address " + YggAddress.addressText(k) + ", subnet "
                    + YggAddress.subnetText(k));
        }
        out.println("promoted  " + (s.promoted() ? "yes: failover peers added" : "no (idle form)"));
        if (!s.configured().isEmpty()) {
            out.println();
            ShellTable t = new ShellTable();
            t.column("Peer").maxSize(60);
            t.column("State");
            t.column("Key");
            t.column("Latency");
            t.column("Up for / last error").maxSize(60).wrap();
            for (YggAssessment.PeerState p : s.configured()) {
                DaemonPeer d = p.seen();
                t.addRow().addContent(p.uri().raw(), p.up() ? "up" : "down", d == null || d.key().isEmpty() ? "-" : d.key().substring(0, 16) + "…",
                        d == null || d.latency() == null ? "-" : millis(d.latency()),
                        d == null ? "not connected" : p.up() ? seconds(d.uptime()) : d.lastError());
            }
            t.print(out);
        }
        if (!s.assessment().floors().isEmpty()) {
            out.println();
            ShellTable f = new ShellTable();
            f.column("Floor");
            f.column("Survives");
            f.column("Why").maxSize(100).wrap();
            for (FloorClaim c : s.assessment().floors()) {
                f.addRow().addContent(c.floor().toString(), c.survives() ? "yes" : "no", c.reason());
            }
            f.print(out);
        }
        if (!s.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            s.warnings().forEach(w -> out.println("  - " + w));
        }
        return null;
    }

    private static Map<String, Object> json(YggdrasilNode.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.assessment().state().label());
        m.put("detail", s.assessment().detail());
        m.put("version", s.version() == null ? null : s.version().text());
        m.put("dialect", s.version() == null ? null : s.version().dialect().label());
        m.put("admin", s.adminEndpoint());
        m.put("key", s.nodeKey());
        m.put("address", s.self() == null ? null : s.self().address());
        m.put("subnet", s.self() == null ? null : s.self().subnet());
        m.put("promoted", s.promoted());
        List<Object> peers = new ArrayList<>();
        for (YggAssessment.PeerState p : s.configured()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("uri", p.uri().raw());
            pm.put("up", p.up());
            pm.put("key", p.seen() == null ? "" : p.seen().key());
            pm.put("lastError", p.seen() == null ? "" : p.seen().lastError());
            peers.add(pm);
        }
        m.put("peers", peers);
        m.put("otherPeersUp", s.peers().stream().filter(DaemonPeer::up).count() - s.configured().stream().filter(YggAssessment.PeerState::up).count());
        List<Object> floors = new ArrayList<>();
        for (FloorClaim c : s.assessment().floors()) {
            floors.add(Map.of("floor", c.floor().label(), "survives", c.survives(), "reason", c.reason()));
        }
        m.put("floors", floors);
        m.put("warnings", s.warnings());
        return m;
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
