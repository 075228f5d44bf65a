package org.veilor.headscale.internal.rollout;

/** Policy pushes with the history on H2 in PostgreSQL mode (the instance default). */
class H2PolicyRolloutTest extends PolicyRolloutTest {
    @Override
    String database() {
        return "h2";
    }
}
