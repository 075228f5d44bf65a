package org.veilor.headscale.command;

import java.util.List;
import org.veilor.testsupport.headscale.FakeHeadscale;

/** The tier machines of the fixtures' model, joined to a fake Headscale and online. */
final class FakeHeadscaleNodes {

    private FakeHeadscaleNodes() {
    }

    static void tier(FakeHeadscale fake) {
        fake.join("onyx", List.of("tag:admin"));
        fake.join("failsafe", List.of("tag:admin"));
        fake.join("nullstone", List.of("tag:infra"));
        fake.join("office", List.of("tag:infra"));
    }
}
