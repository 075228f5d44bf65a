package org.veilor.headscale.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleException.Kind;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.HeadscaleUser;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.StoredPolicy;

/**
 * Reads Headscale's JSON shapes (protojson: lowerCamelCase names, uint64 IDs as strings, RFC 3339
 * timestamps; mesh-radio.md §2.3), tolerant of the differences between versions: a pre-auth key's
 * {@code user} is a name string up to 0.25 and a User object (or null) from 0.26; tags of a node are
 * {@code forcedTags} + {@code validTags}, or {@code tags}.
 */
final class HeadscaleJson {

    private HeadscaleJson() {
    }

    static HeadscaleUser user(JsonNode u) throws HeadscaleException {
        if (u == null || u.isNull() || u.isMissingNode()) {
            return null;
        }
        if (u.isTextual()) {
            return u.asText().isEmpty() ? null : HeadscaleUser.named(u.asText());
        }
        String name = text(u, "name");
        if (name == null) {
            throw bad("a user without name: " + u);
        }
        return new HeadscaleUser(id(u.get("id")), name, text(u, "displayName"), text(u, "email"));
    }

    static List<HeadscaleUser> users(JsonNode array) throws HeadscaleException {
        List<HeadscaleUser> out = new ArrayList<>();
        for (JsonNode u : array(array, "users")) {
            out.add(user(u));
        }
        return out;
    }

    static PreAuthKey preAuthKey(JsonNode k) throws HeadscaleException {
        String id = id(k.get("id"));
        String key = text(k, "key");
        if (id == null || key == null) {
            throw bad("a pre-auth key without id or key");
        }
        Instant expiration = time(k.get("expiration"));
        return new PreAuthKey(id, key, user(k.get("user")), k.path("reusable").asBoolean(), k.path("ephemeral").asBoolean(),
                k.path("used").asBoolean(), expiration == null ? Instant.parse("0001-01-01T00:00:00Z") : expiration,
                time(k.get("createdAt")), strings(k.get("aclTags")));
    }

    static List<PreAuthKey> preAuthKeys(JsonNode array) throws HeadscaleException {
        List<PreAuthKey> out = new ArrayList<>();
        for (JsonNode k : array(array, "preAuthKeys")) {
            out.add(preAuthKey(k));
        }
        return out;
    }

    static HeadscaleNode node(JsonNode n) throws HeadscaleException {
        String id = id(n.get("id"));
        if (id == null) {
            throw bad("a node without id");
        }
        Set<String> tags = new LinkedHashSet<>(strings(n.get("tags")));
        tags.addAll(strings(n.get("forcedTags")));
        tags.addAll(strings(n.get("validTags")));
        JsonNode key = n.get("preAuthKey");
        String keyId = key == null || key.isNull() ? null : id(key.get("id"));
        return new HeadscaleNode(id, text(n, "name"), text(n, "givenName"), user(n.get("user")), strings(n.get("ipAddresses")),
                List.copyOf(tags), keyId, time(n.get("expiry")), n.path("online").asBoolean(), text(n, "registerMethod"));
    }

    static List<HeadscaleNode> nodes(JsonNode array) throws HeadscaleException {
        List<HeadscaleNode> out = new ArrayList<>();
        for (JsonNode n : array(array, "nodes")) {
            out.add(node(n));
        }
        return out;
    }

    /** {@code {"policy": "…", "updatedAt": "…"}} (GET and PUT /policy); a missing policy is none stored. */
    static StoredPolicy policy(JsonNode r) throws HeadscaleException {
        JsonNode text = r.get("policy");
        if (text != null && !text.isNull() && !text.isTextual()) {
            throw bad("'policy' is not a string");
        }
        return new StoredPolicy(text == null || text.isNull() ? "" : text.asText(), time(r.get("updatedAt")));
    }

    /** An ID as Headscale renders uint64 (a string), also accepting a number. */
    static String id(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() || s.equals("0") ? null : s;
    }

    /** An RFC 3339 timestamp; {@code null} for absent or null. */
    static Instant time(JsonNode v) throws HeadscaleException {
        if (v == null || v.isNull() || v.isMissingNode() || v.asText().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("'" + v.asText() + "' is not an RFC 3339 timestamp");
        }
    }

    private static List<String> strings(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Iterable<JsonNode> array(JsonNode v, String what) throws HeadscaleException {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return List.of(); // protojson may omit an empty repeated field
        }
        if (!v.isArray()) {
            throw bad("'" + what + "' is not an array");
        }
        return v;
    }

    private static HeadscaleException bad(String what) {
        return new HeadscaleException(Kind.BAD_RESPONSE, "Headscale's answer is not the documented shape: " + what);
    }
}
