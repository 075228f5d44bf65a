package org.veilor.headscale.internal.rollout;

/** The same pushes with the history on the local PostgreSQL (scripts/test-setup.sh starts it). */
class PostgresPolicyRolloutTest extends PolicyRolloutTest {
    @Override
    String database() {
        return "postgresql";
    }
}
