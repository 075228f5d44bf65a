package org.veilor.mesh.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorAssessment;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.MeshReport;

/** The JSON form of a {@link MeshReport}: stable names, lower-case labels, ISO-8601 instants. */
final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    static String status(MeshReport r) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stage", r.stage().label());
        root.put("probeSeconds", r.probeSeconds());
        root.put("lastProbe", iso(r.lastProbe()));
        List<Object> layers = new ArrayList<>();
        for (LayerReport l : r.layers()) {
            layers.add(layer(l));
        }
        root.put("layers", layers);
        root.put("floors", floorList(r));
        Map<String, Object> failover = new LinkedHashMap<>();
        failover.put("mode", r.failover().mode());
        failover.put("automatic", r.failover().automatic());
        failover.put("summary", r.failover().summary());
        failover.put("promoted", r.failover().promoted());
        failover.put("lastAction", r.failover().lastAction());
        failover.put("lastActionAt", iso(r.failover().lastActionAt()));
        root.put("failover", failover);
        return MAPPER.writeValueAsString(root);
    }

    static String floors(MeshReport r) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stage", r.stage().label());
        root.put("floors", floorList(r));
        return MAPPER.writeValueAsString(root);
    }

    private static Map<String, Object> layer(LayerReport l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("layer", l.kind().label());
        m.put("technology", l.kind().technology());
        m.put("state", l.stateLabel());
        m.put("detail", l.detail());
        m.put("since", iso(l.since()));
        m.put("floors", l.floors().stream().sorted().map(Floor::label).toList());
        List<Object> claims = new ArrayList<>();
        for (FloorClaim c : l.claims()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("floor", c.floor().label());
            cm.put("survives", c.survives());
            cm.put("reason", c.reason());
            claims.add(cm);
        }
        m.put("claims", claims);
        m.put("promotable", l.promotable());
        return m;
    }

    private static List<Object> floorList(MeshReport r) {
        List<Object> floors = new ArrayList<>();
        for (FloorAssessment f : r.floors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("floor", f.floor().label());
            m.put("attack", f.floor().attack());
            m.put("survivesBy", f.floor().survivesBy());
            m.put("holds", f.holds());
            m.put("reason", f.reason());
            m.put("carriedBy", f.carriedBy());
            m.put("promised", f.promised());
            m.put("promisedFrom", f.floor().promisedFrom().label());
            m.put("breached", f.breached());
            floors.add(m);
        }
        return floors;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
