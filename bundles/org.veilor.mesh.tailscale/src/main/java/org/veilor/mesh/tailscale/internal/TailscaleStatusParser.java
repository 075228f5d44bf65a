package org.veilor.mesh.tailscale.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Parses {@code tailscale status --json}. Field names are the Go field names of
 * {@code ipnstate.Status} (spec mesh-radio.md §3); the format is documented as "subject to
 * change", so only {@code BackendState} is required and everything else is read leniently:
 * missing, {@code null} or unknown fields never fail the parse.
 */
final class TailscaleStatusParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TailscaleStatusParser() {
    }

    static TailscaleStatus parse(String json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IOException("tailscale status --json did not print JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IOException("tailscale status --json did not print a JSON object");
        }
        String state = text(root, "BackendState");
        if (state.isEmpty()) {
            throw new IOException("tailscale status --json has no BackendState");
        }
        List<TailscaleStatus.Peer> peers = new ArrayList<>();
        JsonNode peerMap = root.get("Peer");
        if (peerMap != null && peerMap.isObject()) {
            // Keyed by "nodekey:<hex>"; the keys are not needed.
            for (Iterator<JsonNode> it = peerMap.elements(); it.hasNext();) {
                JsonNode p = it.next();
                if (p.isObject()) {
                    peers.add(peer(p));
                }
            }
        }
        JsonNode self = root.get("Self");
        JsonNode tailnet = root.get("CurrentTailnet");
        return new TailscaleStatus(state, text(root, "Version"), root.path("HaveNodeKey").asBoolean(false),
                strings(root.get("TailscaleIPs")), self != null && self.isObject() ? peer(self) : null, peers,
                strings(root.get("Health")), tailnet != null && tailnet.isObject() ? text(tailnet, "Name") : "");
    }

    private static TailscaleStatus.Peer peer(JsonNode p) {
        return new TailscaleStatus.Peer(text(p, "HostName"), text(p, "DNSName"), p.path("Online").asBoolean(false),
                strings(p.get("TailscaleIPs")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText("");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode v : array) {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            }
        }
        return out;
    }
}
