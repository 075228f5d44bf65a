package org.veilor.mesh.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FailoverStatus;
import org.veilor.mesh.FloorAssessment;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;
import org.veilor.mesh.MeshEvents;
import org.veilor.mesh.MeshLayer;
import org.veilor.mesh.MeshReport;

/**
 * The supervisor's logic without OSGi: the tracked layers, probing, floor and failover
 * assessment, and events. {@link #add}, {@link #remove} and {@link #report} may be called from
 * any thread; {@link #probeAll} and {@link #reassess} only from the one scheduler thread.
 */
final class Supervision {

    /** Where events go (EventAdmin in the container, a list in tests). */
    @FunctionalInterface
    interface EventSink {
        void post(String topic, Map<String, Object> properties);
    }

    private final Logger logger = LoggerFactory.getLogger(Supervision.class);
    private final ReleaseGates gates;
    private final EventSink events;
    private final Clock clock;
    private final Map<MeshLayer, Tracked> layers = new ConcurrentHashMap<>();
    private final Set<String> promoted = ConcurrentHashMap.newKeySet();
    private volatile Instant lastProbe;
    private volatile String summary = "not assessed yet";
    private volatile String lastAction = "";
    private volatile Instant lastActionAt;
    // Scheduler thread only: what was reported last, so events go out on changes only.
    private String lastAdvice = "";
    private final Map<String, String> lastFailure = new HashMap<>();
    private final Map<Floor, Boolean> lastHolds = new EnumMap<>(Floor.class);

    Supervision(ReleaseGates gates, EventSink events, Clock clock) {
        this.gates = Objects.requireNonNull(gates, "gates");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One tracked layer and its last probe. */
    private static final class Tracked {
        final MeshLayer layer;
        volatile LayerStatus status;
        volatile Instant since;

        Tracked(MeshLayer layer, Instant added) {
            this.layer = layer;
            this.since = added;
        }

        LayerReport report() {
            LayerStatus s = status;
            return new LayerReport(layer.id(), layer.kind(), s == null ? null : s.state(),
                    s == null ? "not probed yet" : s.detail(), since, layer.floors(),
                    s == null ? List.of() : s.floors(), layer.promotable());
        }
    }

    void add(MeshLayer layer) {
        Tracked t = new Tracked(layer, clock.instant());
        layers.put(layer, t);
        logger.info("mesh layer {} {} appeared", layer.kind(), layer.id());
        post(MeshEvents.LAYER_ADDED, layerProps(t.report()), layer.kind() + " " + layer.id() + " appeared");
    }

    void remove(MeshLayer layer) {
        Tracked t = layers.remove(layer);
        if (t == null) {
            return;
        }
        promoted.remove(layer.id());
        logger.info("mesh layer {} {} went away", layer.kind(), layer.id());
        post(MeshEvents.LAYER_REMOVED, layerProps(t.report()), layer.kind() + " " + layer.id() + " went away");
    }

    /** Probes every layer, then reassesses floors and failover. Scheduler thread only. */
    void probeAll() {
        MeshContext context = context();
        for (Tracked t : List.copyOf(layers.values())) {
            probe(t, context);
        }
        lastProbe = clock.instant();
        reassess();
    }

    private void probe(Tracked t, MeshContext context) {
        LayerStatus s;
        try {
            s = Objects.requireNonNull(t.layer.probe(context), "the probe returned nothing");
        } catch (RuntimeException e) {
            s = LayerStatus.down("probe failed: " + e.getMessage());
            logger.debug("probe of mesh layer {} failed", t.layer.id(), e);
        }
        LayerStatus previous = t.status;
        t.status = s;
        if (previous != null && previous.state() == s.state()) {
            return;
        }
        t.since = clock.instant();
        LayerReport r = t.report();
        String message = FloorAssessor.name(r) + " is " + s.state().label()
                + (s.detail().isEmpty() ? "" : ": " + s.detail());
        if (s.state() == org.veilor.mesh.LayerState.DOWN) {
            logger.warn("mesh layer {}", message);
        } else {
            logger.info("mesh layer {}", message);
        }
        Map<String, Object> props = layerProps(r);
        props.put(MeshEvents.PREVIOUS_STATE, previous == null ? "" : previous.state().label());
        post(MeshEvents.LAYER_CHANGED, props, message);
    }

    /** The login server as the L3a layers tell it, for floor (i). */
    MeshContext context() {
        for (Tracked t : layers.values()) {
            if (t.layer.kind() == LayerKind.L3A) {
                Optional<String> server = t.layer.loginServer();
                if (server.isPresent()) {
                    return new MeshContext(hostOf(server.get()));
                }
            }
        }
        return MeshContext.empty();
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** Failover by release stage, then floor changes. Scheduler thread only. */
    void reassess() {
        ReleaseStage stage = gates.stage();
        GateDecision gate = gates.check(Gate.MESH_FAILOVER);
        FailoverPolicy.Plan plan = FailoverPolicy.decide(layerReports());
        if (gate.allowed()) {
            for (FailoverPolicy.Action a : plan.actions()) {
                act(a, stage);
            }
            lastAdvice = "";
        } else {
            advise(plan, stage, gate);
        }
        promoted.retainAll(layerReports().stream().map(LayerReport::id).toList());
        summary = plan.summary();
        floorEvents(FloorAssessor.assess(layerReports(), stage), stage);
    }

    private void act(FailoverPolicy.Action a, ReleaseStage stage) {
        Tracked t = find(a.layer());
        if (t == null) {
            return;
        }
        boolean promote = a.type() == FailoverPolicy.Type.PROMOTE;
        String what = (promote ? "promoted " : "demoted ") + FloorAssessor.name(a.layer());
        String key = a.type() + " " + a.layer().id();
        try {
            if (promote) {
                t.layer.promote();
                promoted.add(a.layer().id());
            } else {
                t.layer.demote();
                promoted.remove(a.layer().id());
            }
        } catch (IOException | RuntimeException e) {
            String failure = (promote ? "promotion" : "demotion") + " of " + FloorAssessor.name(a.layer())
                    + " failed: " + e.getMessage() + " (retried at the next probe)";
            if (!failure.equals(lastFailure.put(key, failure))) {
                logger.warn("{}", failure);
                Map<String, Object> props = layerProps(a.layer());
                props.put(MeshEvents.REASON, a.reason());
                post(MeshEvents.FAILED, props, failure);
                record(failure);
            }
            return;
        }
        lastFailure.remove(key);
        String message = what + ": " + a.reason();
        logger.warn("mesh failover at {}: {}", stage, message);
        record(message);
        Map<String, Object> props = layerProps(a.layer());
        props.put(MeshEvents.REASON, a.reason());
        post(promote ? MeshEvents.PROMOTED : MeshEvents.DEMOTED, props, message);
        probe(t, context());
    }

    private void advise(FailoverPolicy.Plan plan, ReleaseStage stage, GateDecision gate) {
        if (plan.actions().isEmpty()) {
            lastAdvice = "";
            return;
        }
        List<String> parts = new ArrayList<>();
        for (FailoverPolicy.Action a : plan.actions()) {
            parts.add((a.type() == FailoverPolicy.Type.PROMOTE ? "promote " : "demote ")
                    + FloorAssessor.name(a.layer()) + " (" + a.reason() + ")");
        }
        String advice = "would " + String.join(", ", parts) + "; not acting: " + gate.reason();
        if (advice.equals(lastAdvice)) {
            return;
        }
        lastAdvice = advice;
        logger.warn("mesh failover at {}: {}", stage, advice);
        record(advice);
        for (FailoverPolicy.Action a : plan.actions()) {
            Map<String, Object> props = layerProps(a.layer());
            props.put(MeshEvents.REASON, a.reason());
            post(MeshEvents.ADVISED, props, advice);
        }
    }

    private void record(String action) {
        lastAction = action;
        lastActionAt = clock.instant();
    }

    private void floorEvents(List<FloorAssessment> floors, ReleaseStage stage) {
        for (FloorAssessment f : floors) {
            Boolean before = lastHolds.put(f.floor(), f.holds());
            if (before != null && before == f.holds()) {
                continue;
            }
            String message = "floor " + f.floor() + " (" + f.floor().attack() + ") "
                    + (f.holds() ? "holds: " : "does not hold: ") + f.reason();
            if (f.breached()) {
                logger.warn("{} — the strategy promises it from {}", message, f.floor().promisedFrom());
            } else {
                logger.info("{}", message);
            }
            Map<String, Object> props = new LinkedHashMap<>();
            props.put(MeshEvents.FLOOR, f.floor().label());
            props.put(MeshEvents.HOLDS, f.holds());
            props.put(MeshEvents.PROMISED, f.promised());
            props.put(MeshEvents.REASON, f.reason());
            post(MeshEvents.FLOOR_CHANGED, props, message);
        }
    }

    private Tracked find(LayerReport r) {
        for (Tracked t : layers.values()) {
            if (t.layer.id().equals(r.id()) && t.layer.kind() == r.kind()) {
                return t;
            }
        }
        return null;
    }

    List<LayerReport> layerReports() {
        List<LayerReport> list = new ArrayList<>();
        for (Tracked t : layers.values()) {
            list.add(t.report());
        }
        list.sort(Comparator.comparing(LayerReport::kind).thenComparing(LayerReport::id));
        return list;
    }

    /** The snapshot; layers added or removed since the last probe are already in or out. */
    MeshReport report(int probeSeconds) {
        ReleaseStage stage = gates.stage();
        boolean automatic = gates.check(Gate.MESH_FAILOVER).allowed();
        List<LayerReport> reports = layerReports();
        FailoverStatus failover = new FailoverStatus(automatic, summary, promoted.stream().sorted().toList(),
                lastAction, lastActionAt);
        return new MeshReport(stage, probeSeconds, lastProbe, reports, FloorAssessor.assess(reports, stage), failover);
    }

    private Map<String, Object> layerProps(LayerReport r) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(MeshEvents.LAYER_ID, r.id());
        props.put(MeshEvents.LAYER_KIND, r.kind().label());
        props.put(MeshEvents.STATE, r.stateLabel());
        props.put(MeshEvents.DETAIL, r.detail());
        return props;
    }

    private void post(String topic, Map<String, Object> props, String message) {
        props.put(MeshEvents.STAGE, gates.stage().label());
        props.put(MeshEvents.MESSAGE, message);
        try {
            events.post(topic, props);
        } catch (RuntimeException e) {
            logger.debug("cannot post {}", topic, e);
        }
    }
}
