package org.veilor.mesh.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.veilor.core.ReleaseStage;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorAssessment;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerReport;

/**
 * Pure assessment of the three floors from the layers' last probes: a floor holds when a layer
 * that is up (idle or active) claims to survive its attack. The reason names the layer and its
 * claim, or — when the floor does not hold — what each possible carrier lacks.
 */
final class FloorAssessor {

    private FloorAssessor() {
    }

    static List<FloorAssessment> assess(List<LayerReport> layers, ReleaseStage stage) {
        List<FloorAssessment> result = new ArrayList<>();
        for (Floor floor : Floor.values()) {
            result.add(assess(floor, layers, stage));
        }
        return result;
    }

    static FloorAssessment assess(Floor floor, List<LayerReport> layers, ReleaseStage stage) {
        boolean promised = floor.promisedAt(stage);
        List<LayerReport> candidates = layers.stream()
                .filter(l -> floor.carriers().contains(l.kind()) || l.floors().contains(floor)).toList();
        List<String> holders = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (LayerReport l : candidates) {
            Optional<FloorClaim> claim = l.claims().stream().filter(c -> c.floor() == floor).findFirst();
            if (l.state() != null && l.state().up() && claim.isPresent() && claim.get().survives()) {
                holders.add(l.id());
                reasons.add(name(l) + " (" + l.state().label() + "): " + claim.get().reason());
            }
        }
        if (!holders.isEmpty()) {
            return new FloorAssessment(floor, true, String.join("; ", reasons), holders, promised);
        }
        if (candidates.isEmpty()) {
            String needed = floor.carriers().stream().sorted()
                    .map(k -> k.label() + " (" + k.technology() + ")").collect(Collectors.joining(" or "));
            return new FloorAssessment(floor, false, "no " + needed + " layer is installed; it survives by "
                    + floor.survivesBy(), List.of(), promised);
        }
        for (LayerReport l : candidates) {
            reasons.add(whyNot(floor, l));
        }
        return new FloorAssessment(floor, false, String.join("; ", reasons), List.of(), promised);
    }

    private static String whyNot(Floor floor, LayerReport l) {
        if (l.state() == null) {
            return name(l) + ": not probed yet";
        }
        if (!l.state().up()) {
            return name(l) + " is " + l.state().label() + (l.detail().isEmpty() ? "" : ": " + l.detail());
        }
        return l.claims().stream().filter(c -> c.floor() == floor).findFirst()
                .map(c -> name(l) + " (" + l.state().label() + "): " + c.reason())
                .orElse(name(l) + " (" + l.state().label() + ") makes no claim about floor " + floor);
    }

    static String name(LayerReport l) {
        return l.kind().label() + " " + l.id();
    }
}
