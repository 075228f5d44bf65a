package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.veilor.testsupport.YggdrasilDaemons;

/**
 * Every config the writer produces is accepted by the release it is written for: the real binary
 * reads it with {@code -useconffile … -normaliseconf -json} (a config it cannot read makes it
 * panic with exit 2), keeps what we wrote, and derives our address from the key in it. The
 * configs vary over every peer scheme and option the release knows, interface names, multicast,
 * several allowed keys and both admin socket forms.
 */
class RealBinariesAcceptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONFIGS = 12;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("org.veilor.mesh.yggdrasil.internal.RealBinaries#both")
    void everyGeneratedConfigIsAcceptedByItsBinary(RealBinaries.Binary b) throws Exception {
        YggdrasilDaemons y = new YggdrasilDaemons(b.path(), tmp);
        SecureRandom secure = new SecureRandom();
        Random r = new Random(secure.nextLong());
        List<String> peers = peers(b.version());
        for (int i = 0; i < CONFIGS; i++) {
            NodeKey key = NodeKey.generate(secure);
            Path pem = tmp.resolve("key-" + i + ".pem");
            Files.writeString(pem, key.pem());
            List<String> allowed = new ArrayList<>();
            for (int k = 0; k <= r.nextInt(3); k++) {
                allowed.add(NodeKey.generate(secure).publicHex());
            }
            String peer = peers.get(i % peers.size());
            String ifName = List.of("ygg0", "none", "ygg-test").get(r.nextInt(3));
            String admin = r.nextBoolean() ? "unix://" + tmp.resolve("admin-" + i + ".sock") : "tcp://127.0.0.1:" + (9001 + i);
            NodeConf c = new NodeConf(peer, List.of(peers.get((i + 1) % peers.size())), List.of(), allowed, ifName, admin,
                    r.nextBoolean(), ".*", pem.toString(), key);
            String text = ConfigWriter.render(c, b.version());
            Path conf = tmp.resolve("yggdrasil-" + i + ".conf");
            Files.writeString(conf, text);

            JsonNode n = JSON.readTree(y.run("-useconffile", conf.toString(), "-normaliseconf", "-json"));
            String what = b + " on\n" + text;
            assertEquals(peer, n.path("Peers").get(0).asText(), what);
            assertEquals(1, n.path("Peers").size(), what);
            assertEquals(0, n.path("Listen").size(), what);
            assertEquals(allowed, strings(n.path("AllowedPublicKeys")), what);
            assertEquals(ifName, n.path("IfName").asText(), what);
            assertEquals(c.multicast() ? 1 : 0, n.path("MulticastInterfaces").size(), what);
            if (b.version().dialect() == YggVersion.Dialect.V0_4) {
                assertEquals(key.publicHex(), n.path("PublicKey").asText(), what);
                assertEquals(admin, n.path("AdminListen").asText(), what);
            } else {
                assertEquals(pem.toString(), n.path("PrivateKeyPath").asText(), what);
            }
            assertEquals(YggAddress.addressText(key.publicKey()), y.run("-useconffile", conf.toString(), "-address").strip(), what);
        }
    }

    /** Peers of every scheme and option the release knows (documentation addresses and names only). */
    static List<String> peers(YggVersion v) {
        String key = "?key=" + TestConfs.KEY;
        List<String> p = new ArrayList<>(List.of("tcp://198.51.100.7:12345", "tls://ygg.example.net:443" + key + "&sni=ygg.example.net",
                "tls://[2001:db8::7]:443?priority=3", "socks://127.0.0.1:9050/abcdefghijklmnop.onion:1863",
                "unix:///run/ygg-peer.sock"));
        if (v.dialect() == YggVersion.Dialect.V0_5) {
            p.addAll(List.of("wss://ygg.example.net/ygg" + key, "wss://ygg.example.net:443/ygg", "ws://198.51.100.7:8080/ygg",
                    "quic://198.51.100.7:443", "sockstls://127.0.0.1:9050/ygg.example.net:443",
                    "tls://198.51.100.7:443?password=correct-horse&maxbackoff=5m"));
        }
        return p;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        assertTrue(out.stream().allMatch(s -> s.matches("[0-9a-f]{64}")));
        return out;
    }
}
