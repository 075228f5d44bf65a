package org.veilor.mesh.yggdrasil.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.veilor.core.LocalHost;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.FakeSystemctl;
import org.veilor.testsupport.YggdrasilDaemons;

/**
 * A node in a folder: a host root for the agent's files, a fake systemctl first on the search path
 * (systemd cannot run in a test), the real yggdrasil binary of one release after it, and real
 * daemons. The test plays systemd's part: it starts the node's daemon on the config the layer wrote.
 */
public final class NodeFixture implements AutoCloseable {

    static final String CONFIG = "/etc/yggdrasil/yggdrasil.conf";
    static final String KEY = "/etc/yggdrasil/private.pem";

    final Path root;
    final LocalHost host;
    final FakeExecutables fakes;
    final FakeSystemctl systemctl;
    final YggdrasilDaemons daemons;
    final RealBinaries.Binary binary;

    NodeFixture(Path tmp, RealBinaries.Binary binary) throws Exception {
        this.binary = binary;
        this.root = Files.createDirectories(tmp.resolve("root"));
        this.fakes = new FakeExecutables(tmp.resolve("bin"));
        this.systemctl = FakeSystemctl.install(fakes, tmp.resolve("systemd"));
        this.host = new LocalHost(root, List.of(fakes.dir(), binary.path().getParent(), Path.of("/usr/bin"), Path.of("/bin")));
        this.daemons = new YggdrasilDaemons(binary.path(), tmp.resolve("d"));
    }

    /** Settings for this node: loopback admin socket under the root, no TUN, files kept the test's. */
    YggdrasilSettings settings(String publicPeer, List<String> failover, List<String> allowed, Map<String, Object> more) {
        Map<String, Object> set = new HashMap<>(Map.of("publicPeer", publicPeer, "failoverPeers", failover.toArray(String[]::new),
                "allowedPublicKeys", allowed.toArray(String[]::new), "interfaceName", "none", "serviceUser", ""));
        set.putAll(more);
        return Configs.settings(set);
    }

    /** Starts the node's own daemon on the config the layer rendered, as systemd would. */
    YggdrasilDaemons.Daemon startNode() throws Exception {
        // RuntimeDirectory=yggdrasil in the unit's drop-in: systemd makes the socket's folder.
        Files.createDirectories(root.resolve("run/yggdrasil"));
        return daemons.start("node", root.resolve(CONFIG.substring(1)));
    }

    List<List<String>> systemctlCalls() throws Exception {
        return fakes.calls("systemctl");
    }

    /** A node on the 0.4 or 0.5 binary, for tests outside this package. */
    public static NodeFixture on(Path tmp, boolean v05) throws Exception {
        return new NodeFixture(tmp, v05 ? RealBinaries.V05 : RealBinaries.V04);
    }

    public YggdrasilDaemons daemons() {
        return daemons;
    }

    public Path root() {
        return root;
    }

    /** The layer and node of this fixture with the given peer and allowed keys. */
    public YggdrasilNode node(String publicPeer, List<String> allowed) {
        YggdrasilSettings s = settings(publicPeer, List.of(), allowed, Map.of());
        return new YggdrasilNode(host, () -> s, new YggdrasilLayer(host, () -> s));
    }

    public YggdrasilDaemons.Daemon startNodeDaemon() throws Exception {
        return startNode();
    }

    @Override
    public void close() {
        daemons.close();
    }
}
