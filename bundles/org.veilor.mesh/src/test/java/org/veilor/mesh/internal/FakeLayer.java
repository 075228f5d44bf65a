package org.veilor.mesh.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.veilor.mesh.Floor;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;
import org.veilor.mesh.MeshLayer;

/**
 * A scripted layer for supervisor tests. The real L3b and L3c layers live in their own bundles
 * (and daemons that do not run in a unit test); this one reports whatever the test sets, and
 * behaves like the MeshLayer contract asks of L3b when promotable: promote makes it active,
 * demote makes it idle again.
 */
final class FakeLayer implements MeshLayer {

    private final String id;
    private final LayerKind kind;
    private final Set<Floor> floors;
    private final boolean promotable;
    volatile LayerStatus next;
    volatile RuntimeException probeFailure;
    volatile IOException promoteFailure;
    volatile String loginServer;
    volatile MeshContext lastContext;
    final List<String> calls = new ArrayList<>();
    volatile int probes;
    volatile Thread lastProber;

    FakeLayer(String id, LayerKind kind, Set<Floor> floors, boolean promotable, LayerStatus initial) {
        this.id = id;
        this.kind = kind;
        this.floors = floors;
        this.promotable = promotable;
        this.next = initial;
    }

    static FakeLayer l3a(LayerState state) {
        return new FakeLayer("tailscale", LayerKind.L3A, Set.of(), false, LayerStatus.of(state, "fake " + state.label()));
    }

    static FakeLayer l3b(LayerStatus status) {
        return new FakeLayer("yggdrasil", LayerKind.L3B, Set.of(Floor.I, Floor.II), true, status);
    }

    static FakeLayer l3c(LayerStatus status) {
        return new FakeLayer("reticulum", LayerKind.L3C, Set.of(Floor.III), false, status);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LayerKind kind() {
        return kind;
    }

    @Override
    public Set<Floor> floors() {
        return floors;
    }

    @Override
    public LayerStatus probe(MeshContext context) {
        probes++;
        lastProber = Thread.currentThread();
        lastContext = context;
        synchronized (calls) {
            calls.add("probe");
        }
        if (probeFailure != null) {
            throw probeFailure;
        }
        return next;
    }

    @Override
    public Optional<String> loginServer() {
        return Optional.ofNullable(loginServer);
    }

    @Override
    public boolean promotable() {
        return promotable;
    }

    @Override
    public void promote() throws IOException {
        synchronized (calls) {
            calls.add("promote");
        }
        if (promoteFailure != null) {
            throw promoteFailure;
        }
        next = new LayerStatus(LayerState.ACTIVE, "promoted", next.floors());
    }

    @Override
    public void demote() throws IOException {
        synchronized (calls) {
            calls.add("demote");
        }
        next = new LayerStatus(LayerState.IDLE, "one public peer", next.floors());
    }

    long count(String call) {
        synchronized (calls) {
            return calls.stream().filter(call::equals).count();
        }
    }
}
