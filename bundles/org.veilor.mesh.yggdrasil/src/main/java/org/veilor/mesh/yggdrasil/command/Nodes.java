package org.veilor.mesh.yggdrasil.command;

import org.veilor.mesh.yggdrasil.internal.YggdrasilNode;
import org.veilor.mesh.yggdrasil.internal.YggdrasilSettings;

/** The one "not configured" answer of the ygg:* commands. */
final class Nodes {

    private Nodes() {
    }

    static YggdrasilNode require(YggdrasilNode node, String command) {
        if (node == null) {
            throw new IllegalStateException("the L3b layer is not configured on this instance (PID " + YggdrasilSettings.PID
                    + "): " + command + " runs on a node; see veilor:status");
        }
        return node;
    }
}
