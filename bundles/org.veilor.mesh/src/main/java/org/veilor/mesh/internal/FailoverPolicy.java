package org.veilor.mesh.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.LayerState;

/**
 * Pure failover decision. L3a counts as down when some L3a layer is down and none is active (a
 * disabled L3a — the node never joined — is no reason to fail over). Then an idle, promotable
 * L3b is promoted; when an L3a layer is active again, an active (promoted) L3b is demoted. With
 * {@code automatic} false (release v0.7) the same decisions become advice only.
 */
final class FailoverPolicy {

    /** What to do with one layer. */
    enum Type {
        PROMOTE,
        DEMOTE
    }

    /** One step; {@code reason} says why, for the report and the event. */
    record Action(Type type, LayerReport layer, String reason) {
    }

    /** The decision: actions (to take, or to advise at v0.7) and a one-line summary. */
    record Plan(List<Action> actions, String summary) {
    }

    private FailoverPolicy() {
    }

    static Plan decide(List<LayerReport> layers) {
        List<LayerReport> l3a = of(layers, LayerKind.L3A);
        List<LayerReport> l3b = of(layers, LayerKind.L3B);
        boolean l3aActive = l3a.stream().anyMatch(l -> l.state() == LayerState.ACTIVE);
        List<LayerReport> l3aDown = l3a.stream().filter(l -> l.state() == LayerState.DOWN).toList();
        List<Action> actions = new ArrayList<>();
        if (!l3aActive && !l3aDown.isEmpty()) {
            String why = l3aDown.stream().map(l -> FloorAssessor.name(l) + " is down"
                    + (l.detail().isEmpty() ? "" : " (" + l.detail() + ")")).collect(Collectors.joining("; "));
            for (LayerReport b : l3b) {
                if (b.promotable() && b.state() == LayerState.IDLE) {
                    actions.add(new Action(Type.PROMOTE, b, why));
                }
            }
            if (!actions.isEmpty()) {
                return new Plan(actions, why + ": promote " + names(actions));
            }
            boolean carrying = l3b.stream().anyMatch(b -> b.state() == LayerState.ACTIVE);
            if (carrying) {
                return new Plan(actions, why + "; L3b is active and carries the mesh");
            }
            return new Plan(actions, why + "; no idle L3b layer to promote"
                    + (l3b.isEmpty() ? " (none installed)" : " (" + states(l3b) + ")"));
        }
        if (l3aActive) {
            for (LayerReport b : l3b) {
                if (b.promotable() && b.state() == LayerState.ACTIVE) {
                    actions.add(new Action(Type.DEMOTE, b, "L3a is active again"));
                }
            }
            if (!actions.isEmpty()) {
                return new Plan(actions, "L3a is active again: demote " + names(actions));
            }
            return new Plan(actions, "L3a active" + (l3b.isEmpty() ? "" : "; " + states(l3b)));
        }
        if (l3a.isEmpty()) {
            return new Plan(actions, "no L3a layer installed: nothing to fail over from");
        }
        return new Plan(actions, states(l3a) + ": no failover (only a down L3a triggers one)");
    }

    private static List<LayerReport> of(List<LayerReport> layers, LayerKind kind) {
        return layers.stream().filter(l -> l.kind() == kind && l.state() != null).toList();
    }

    private static String names(List<Action> actions) {
        return actions.stream().map(a -> FloorAssessor.name(a.layer())).collect(Collectors.joining(", "));
    }

    private static String states(List<LayerReport> layers) {
        return layers.stream().map(l -> FloorAssessor.name(l) + " " + l.state().label())
                .collect(Collectors.joining(", "));
    }
}
