package org.veilor.testsupport.headscale;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The load-time checks the fake applies to a stored policy, per version (mesh-radio.md §2.2): HuJSON
 * syntax; from 0.27 an unknown top-level key is refused (0.26 and older ignore it); {@code tests},
 * {@code grants} and friends are known from 0.29; every tag used in acls, tests and tagOwners values
 * must be a key of {@code tagOwners}; from 0.26 group members are users written with {@code @}.
 */
final class FakeHeadscalePolicy {

    private static final JsonMapper HUJSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final Set<String> KEYS = Set.of("groups", "hosts", "tagOwners", "acls", "ssh", "autoApprovers");
    private static final Set<String> KEYS_0_29 = Set.of("grants", "nodeAttrs", "tests", "sshTests", "randomizeClientPort");

    private final int minor;

    FakeHeadscalePolicy(int minor) {
        this.minor = minor;
    }

    /** Why Headscale would refuse to load the policy, if it would. */
    Optional<String> problem(String text) {
        JsonNode root;
        try {
            root = HUJSON.readTree(text);
        } catch (IOException e) {
            return Optional.of("parsing hujson: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return Optional.of("parsing policy: not a JSON object");
        }
        if (minor >= 27) {
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                if (!KEYS.contains(k) && !(minor >= 29 && KEYS_0_29.contains(k))) {
                    return Optional.of("parsing policy: unknown member \"" + k + "\"");
                }
            }
        }
        JsonNode owners = root.path("tagOwners");
        List<String> used = new ArrayList<>();
        for (JsonNode rule : root.path("acls")) {
            rule.path("src").forEach(s -> used.add(s.asText()));
            rule.path("dst").forEach(d -> used.add(d.asText().substring(0, Math.max(0, d.asText().lastIndexOf(':')))));
        }
        if (minor >= 29) {
            for (JsonNode t : root.path("tests")) {
                used.add(t.path("src").asText());
                t.path("accept").forEach(d -> used.add(d.asText().substring(0, Math.max(0, d.asText().lastIndexOf(':')))));
                t.path("deny").forEach(d -> used.add(d.asText().substring(0, Math.max(0, d.asText().lastIndexOf(':')))));
            }
        }
        owners.forEach(list -> list.forEach(o -> used.add(o.asText())));
        for (String alias : used) {
            if (alias.startsWith("tag:") && !owners.has(alias)) {
                return Optional.of("tag not found: " + alias);
            }
        }
        if (minor >= 26) {
            Iterator<java.util.Map.Entry<String, JsonNode>> groups = root.path("groups").fields();
            while (groups.hasNext()) {
                var g = groups.next();
                for (JsonNode member : g.getValue()) {
                    if (!member.asText().contains("@")) {
                        return Optional.of("group " + g.getKey() + ": user '" + member.asText() + "' must be written with '@'");
                    }
                }
            }
        }
        return Optional.empty();
    }
}
