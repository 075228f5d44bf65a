package org.veilor.testsupport.headscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.veilor.testsupport.FakeHttpServer.Request;
import org.veilor.testsupport.FakeHttpServer.Response;
import org.veilor.testsupport.headscale.FakeHeadscale.StoredKey;
import org.veilor.testsupport.headscale.FakeHeadscale.StoredUser;

/**
 * The pre-auth key routes of {@link FakeHeadscale}, per version (mesh-radio.md §2.3–2.4): user by name
 * (≤ 0.25), by ID (0.26–0.27), optional with tags (0.28+); listed per user before 0.28; expired by
 * user + key before 0.28, by ID after; 48-hex keys before 0.28, {@code hskey-auth-…} after. Called
 * with the fake's lock held.
 */
final class FakeHeadscaleKeys {

    private static final Pattern TAG = Pattern.compile("tag:[a-z0-9][a-z0-9._-]*");
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final FakeHeadscale fake;

    FakeHeadscaleKeys(FakeHeadscale fake) {
        this.fake = fake;
    }

    Response createKey(JsonNode b) {
        List<String> tags = new ArrayList<>();
        for (JsonNode t : b.path("aclTags")) {
            if (!TAG.matcher(t.asText()).matches()) {
                return fake.shapes.error(3, "invalid tag '" + t.asText() + "': tags must start with 'tag:' and be lowercase without spaces");
            }
            tags.add(t.asText());
        }
        StoredUser owner = null;
        JsonNode user = b.get("user");
        boolean given = user != null && !user.isNull() && !user.asText().isEmpty() && !user.asText().equals("0");
        if (fake.minor <= 25) {
            if (!given) {
                return fake.shapes.error(5, "user not found");
            }
            owner = fake.users.stream().filter(u -> u.name().equals(user.asText())).findFirst().orElse(null);
        } else if (given) {
            if (!user.asText().matches("\\d+")) {
                return fake.shapes.error(3, "proto: (line 1:9): invalid value for uint64 field user: \"" + user.asText() + "\"");
            }
            owner = fake.users.stream().filter(u -> u.id().equals(user.asText())).findFirst().orElse(null);
        } else if (fake.minor <= 27) {
            return fake.shapes.error(5, "user not found");
        } else if (tags.isEmpty()) {
            return fake.shapes.error(3, "auth-key must be either tagged or owned by user");
        }
        if (given && owner == null) {
            return fake.shapes.error(5, "user not found");
        }
        Instant expiration;
        try {
            expiration = b.hasNonNull("expiration") ? OffsetDateTime.parse(b.get("expiration").asText()).toInstant()
                    : Instant.parse("0001-01-01T00:00:00Z"); // the zero time: the key never validates
        } catch (DateTimeParseException e) {
            return fake.shapes.error(3, "invalid expiration: " + b.get("expiration").asText());
        }
        StoredKey k = new StoredKey(Integer.toString(fake.ids.incrementAndGet()), newKey(), owner == null ? null : owner.id(), tags,
                b.path("reusable").asBoolean(), b.path("ephemeral").asBoolean(), false, expiration, Instant.now());
        fake.keys.add(k);
        return fake.acted(Response.json(200, FakeHeadscale.wrap("preAuthKey", fake.shapes.key(k, owner, true))));
    }

    Response listKeys(Request r) {
        List<StoredKey> selected;
        if (fake.minor >= 28) {
            selected = fake.keys;
        } else {
            String u = FakeHeadscale.query(r, "user");
            Optional<StoredUser> owner = fake.users.stream().filter(x -> (fake.minor <= 25 ? x.name() : x.id()).equals(u)).findFirst();
            if (owner.isEmpty()) {
                return fake.shapes.error(5, "user not found");
            }
            selected = fake.keys.stream().filter(k -> owner.get().id().equals(k.userId())).toList();
        }
        ObjectNode out = FakeHeadscaleShapes.JSON.createObjectNode();
        var array = out.putArray("preAuthKeys");
        selected.forEach(k -> array.add(fake.shapes.key(k, fake.user(k.userId()), false)));
        return Response.json(200, out.toString());
    }

    Response expireKey(JsonNode b) {
        int index = -1;
        if (fake.minor >= 28) {
            String id = b.path("id").asText("");
            for (int i = 0; i < fake.keys.size(); i++) {
                index = fake.keys.get(i).id().equals(id) ? i : index;
            }
            if (index < 0) {
                // up to 0.29 expiring an unknown ID silently succeeds; 0.30 made it an error
                return fake.minor >= 30 ? fake.shapes.error(5, "pre-auth key " + id + " not found") : Response.json(200, "{}");
            }
        } else {
            String u = b.path("user").asText("");
            Optional<StoredUser> owner = fake.users.stream().filter(x -> (fake.minor <= 25 ? x.name() : x.id()).equals(u)).findFirst();
            if (owner.isEmpty()) {
                return fake.shapes.error(5, "user not found");
            }
            index = fake.findKey(b.path("key").asText(""));
            if (index < 0 || !owner.get().id().equals(fake.keys.get(index).userId())) {
                return fake.shapes.error(5, "AuthKey not found");
            }
        }
        StoredKey k = fake.keys.get(index);
        fake.keys.set(index, new StoredKey(k.id(), k.key(), k.userId(), k.tags(), k.reusable(), k.ephemeral(), k.used(), Instant.now(), k.createdAt()));
        return fake.acted(Response.json(200, "{}"));
    }

    Response deleteKey(Request r) {
        String id = FakeHeadscale.query(r, "id");
        boolean removed = fake.keys.removeIf(k -> k.id().equals(id));
        return removed || fake.minor < 30 ? fake.acted(Response.json(200, "{}")) : fake.shapes.error(5, "pre-auth key " + id + " not found");
    }

    private String newKey() {
        StringBuilder sb = new StringBuilder();
        if (fake.minor < 28) {
            for (int i = 0; i < 48; i++) {
                sb.append("0123456789abcdef".charAt(fake.random.nextInt(16)));
            }
            return sb.toString();
        }
        sb.append("hskey-auth-");
        for (int i = 0; i < 12; i++) {
            sb.append(B64URL.charAt(fake.random.nextInt(64)));
        }
        sb.append('-');
        for (int i = 0; i < 64; i++) {
            sb.append(B64URL.charAt(fake.random.nextInt(64)));
        }
        return sb.toString();
    }
}
