package org.veilor.testsupport.headscale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.veilor.testsupport.FakeHttpServer.Response;
import org.veilor.testsupport.headscale.FakeHeadscale.StoredKey;
import org.veilor.testsupport.headscale.FakeHeadscale.StoredNode;
import org.veilor.testsupport.headscale.FakeHeadscale.StoredUser;

/**
 * The JSON Headscale answers with, per version (mesh-radio.md §2.3): protojson through grpc-gateway up
 * to 0.29 — lowerCamelCase names, uint64 IDs as strings, RFC 3339 timestamps, unset fields emitted
 * ({@code "used": false}, {@code "aclTags": []}, {@code "user": null}) — and errors as gRPC status
 * JSON; from 0.30 errors as RFC 7807 problem JSON.
 */
final class FakeHeadscaleShapes {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final int minor;

    FakeHeadscaleShapes(int minor) {
        this.minor = minor;
    }

    /** protojson's Timestamp: 'Z', and 0, 3, 6 or 9 fraction digits. */
    static String time(Instant t) {
        int nanos = t.getNano();
        String base = SECONDS.format(t);
        if (nanos == 0) {
            return base + "Z";
        }
        if (nanos % 1_000_000 == 0) {
            return base + String.format(".%03dZ", nanos / 1_000_000);
        }
        if (nanos % 1_000 == 0) {
            return base + String.format(".%06dZ", nanos / 1_000);
        }
        return base + String.format(".%09dZ", nanos);
    }

    /** {@code /version}: build metadata as JSON. */
    String version(String version) {
        ObjectNode n = JSON.createObjectNode().put("version", "v" + version).put("commit", "0000000fake").put("buildTime", "2026-07-01T00:00:00Z");
        n.putObject("go").put("version", "go1.24.4").put("os", "linux").put("arch", "amd64");
        return n.put("dirty", false).toString();
    }

    ObjectNode user(StoredUser u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", u.id()).put("name", u.name()).put("createdAt", time(u.createdAt())).put("displayName", "").put("email", "")
                .put("providerId", "").put("provider", "").put("profilePicUrl", "");
        return n;
    }

    /** A key; {@code showSecret} false masks 0.28+ keys as {@code hskey-auth-<prefix>-***}. */
    ObjectNode key(StoredKey k, StoredUser owner, boolean showSecret) {
        ObjectNode n = JSON.createObjectNode();
        if (minor <= 25) {
            n.put("user", owner == null ? "" : owner.name()); // a plain string up to 0.25
        } else if (owner == null) {
            n.putNull("user");
        } else {
            n.set("user", user(owner));
        }
        n.put("id", k.id());
        n.put("key", showSecret || !k.key().startsWith("hskey-auth-") ? k.key() : k.key().substring(0, 23) + "-***");
        n.put("reusable", k.reusable()).put("ephemeral", k.ephemeral()).put("used", k.used())
                .put("expiration", time(k.expiration())).put("createdAt", time(k.createdAt()));
        strings(n.putArray("aclTags"), k.tags());
        return n;
    }

    /** A node; {@code online}: whether it holds its connection to the control server now. */
    ObjectNode node(StoredNode d, StoredUser owner, ObjectNode key, boolean online) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", d.id()).put("machineKey", "mkey:" + hex(d.id(), 64)).put("nodeKey", "nodekey:" + hex(d.id() + "n", 64))
                .put("discoKey", "discokey:" + hex(d.id() + "d", 64));
        strings(n.putArray("ipAddresses"), List.of(d.ipv4(), d.ipv6()));
        n.put("name", d.name());
        if (owner == null) {
            n.putNull("user");
        } else {
            n.set("user", user(owner));
        }
        n.put("lastSeen", time(d.createdAt()));
        if (d.expiry() == null) {
            n.putNull("expiry");
        } else {
            n.put("expiry", time(d.expiry()));
        }
        n.set("preAuthKey", key);
        n.put("createdAt", time(d.createdAt())).put("registerMethod", "REGISTER_METHOD_AUTH_KEY");
        n.putArray("forcedTags");
        n.putArray("invalidTags");
        strings(n.putArray("validTags"), d.tags());
        n.put("givenName", d.name()).put("online", online);
        n.putArray("approvedRoutes");
        n.putArray("availableRoutes");
        n.putArray("subnetRoutes");
        return n;
    }

    /** An error: gRPC status JSON (≤ 0.29) or problem JSON (0.30), with grpc-gateway's HTTP status for the code. */
    Response error(int grpcCode, String message) {
        int status = switch (grpcCode) {
            case 3, 9, 11 -> 400;
            case 5 -> 404;
            case 6, 10 -> 409;
            case 7 -> 403;
            case 14 -> 503;
            case 16 -> 401;
            default -> 500;
        };
        if (minor >= 30) {
            ObjectNode p = JSON.createObjectNode().put("type", "about:blank").put("title", title(status)).put("status", status)
                    .put("detail", message);
            return new Response(status, "application/problem+json", p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ObjectNode e = JSON.createObjectNode().put("code", grpcCode).put("message", message);
        e.putArray("details");
        return Response.json(status, e.toString());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 403 -> "Forbidden";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String hex(String seed, int length) {
        StringBuilder sb = new StringBuilder();
        int h = seed.hashCode();
        while (sb.length() < length) {
            h = h * 31 + 7;
            sb.append(String.format("%08x", h));
        }
        return sb.substring(0, length);
    }
}
