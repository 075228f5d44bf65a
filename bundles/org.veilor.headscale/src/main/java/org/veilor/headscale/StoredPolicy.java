package org.veilor.headscale;

import java.time.Instant;
import java.util.Objects;

/**
 * The policy Headscale stores in its database (policy mode {@code database}), as
 * {@code GET /api/v1/policy} and {@code PUT /api/v1/policy} answer: {@code {"policy": "…",
 * "updatedAt": "…"}}.
 *
 * @param text the HuJSON text exactly as stored; empty when none is stored (Headscale then allows all)
 * @param updatedAt when it was stored, or {@code null} when the answer does not say
 */
public record StoredPolicy(String text, Instant updatedAt) {

    public StoredPolicy {
        Objects.requireNonNull(text, "text");
    }
}
