package org.veilor.mesh.yggdrasil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code getSelf} and {@code getPeers} responses of both releases (spec mesh-radio.md §1.6;
 * shapes checked against Debian's 0.4.7 and bookworm-backports' 0.5.12). Latency is a Go
 * {@code time.Duration} (integer nanoseconds), named {@code latency_ms} in 0.5.6–0.5.11 despite
 * the name and {@code latency} from 0.5.12.
 */
public final class AdminResponses {

    private AdminResponses() {
    }

    public static DaemonSelf self(JsonNode r) throws IOException {
        String key = r.path("key").asText("");
        if (!key.matches("[0-9a-fA-F]{64}")) {
            throw new IOException("getSelf answered without a public key");
        }
        return new DaemonSelf(key.toLowerCase(java.util.Locale.ROOT), r.path("address").asText(""),
                r.path("subnet").asText(""), r.path("build_name").asText(""), r.path("build_version").asText(""));
    }

    public static List<DaemonPeer> peers(JsonNode r) throws IOException {
        JsonNode list = r.path("peers");
        if (!list.isArray()) {
            throw new IOException("getPeers answered without a peer list");
        }
        List<DaemonPeer> peers = new ArrayList<>();
        for (JsonNode p : list) {
            boolean up = p.has("up") ? p.path("up").asBoolean() : true;
            Boolean inbound = p.has("inbound") ? p.path("inbound").asBoolean() : null;
            JsonNode latency = p.has("latency") ? p.path("latency") : p.path("latency_ms");
            peers.add(new DaemonPeer(p.path("remote").asText(""), up, inbound, p.path("key").asText(""),
                    p.path("address").asText(""), seconds(p.path("uptime")),
                    latency.isNumber() ? Duration.ofNanos(latency.asLong()) : null, p.path("last_error").asText("")));
        }
        return peers;
    }

    private static Duration seconds(JsonNode n) {
        return n.isNumber() ? Duration.ofNanos((long) (n.asDouble() * 1e9)) : Duration.ZERO;
    }
}
