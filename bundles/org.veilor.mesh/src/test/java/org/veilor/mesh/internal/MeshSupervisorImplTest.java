package org.veilor.mesh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.veilor.core.ConfigException;
import org.veilor.core.ConfigStatus;
import org.veilor.core.ReleaseStage;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.MeshEvents;
import org.veilor.mesh.MeshReport;
import org.veilor.mesh.MeshSupervisor;
import org.veilor.testsupport.Poll;

/** The DS component with its real scheduler, built by hand with mocks for the OSGi services. */
class MeshSupervisorImplTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ConfigStatus status = mock(ConfigStatus.class);
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private MeshSupervisorImpl sup;

    @SuppressWarnings("unchecked")
    private MeshSupervisorImpl start(int probeSeconds) {
        BundleContext context = mock(BundleContext.class);
        when(context.registerService(eq(MeshSupervisor.class), any(MeshSupervisor.class), any()))
                .thenReturn(mock(ServiceRegistration.class));
        sup = new MeshSupervisorImpl(context, status, new TestGates(ReleaseStage.V0_7), config(probeSeconds));
        EventAdmin admin = mock(EventAdmin.class);
        org.mockito.Mockito.doAnswer(inv -> events.add(inv.getArgument(0))).when(admin).postEvent(any());
        sup.eventAdmin = admin;
        return sup;
    }

    private static MeshConfig config(int probeSeconds) {
        MeshConfig c = mock(MeshConfig.class);
        when(c.probeSeconds()).thenReturn(probeSeconds);
        return c;
    }

    @AfterEach
    void stop() {
        if (sup != null) {
            sup.deactivate();
        }
    }

    @Test
    void aNewLayerIsProbedAtOnceAndThenPeriodically() throws Exception {
        start(1);
        FakeLayer ts = FakeLayer.l3a(LayerState.ACTIVE);
        sup.addLayer(ts);
        Poll.assertEventually(WAIT, () -> assertEquals(LayerState.ACTIVE, sup.report().layers().get(0).state()));
        int seen = ts.probes;
        Poll.assertEventually(WAIT, () -> assertTrue(ts.probes > seen + 1, "probed again on the 1 s period"));
        Poll.assertEventually(WAIT, () -> assertTrue(events.stream()
                .anyMatch(e -> e.getTopic().equals(MeshEvents.LAYER_CHANGED)
                        && "active".equals(e.getProperty(MeshEvents.STATE)))));
        sup.removeLayer(ts);
        assertTrue(sup.report().layers().isEmpty());
    }

    @Test
    void refreshProbesNowOnTheSchedulerThread() throws Exception {
        start(3600);
        FakeLayer ts = FakeLayer.l3a(LayerState.ACTIVE);
        sup.addLayer(ts);
        sup.addLayer(FakeLayer.l3c(org.veilor.mesh.LayerStatus.disabled("rnsd not started")));
        int before = ts.probes;
        MeshReport r = sup.refresh();
        assertTrue(ts.probes > before);
        assertEquals(2, r.layers().size());
        assertEquals("veilor-mesh-supervisor", ts.lastProber.getName());
        assertEquals(3600, r.probeSeconds());
    }

    @Test
    void anInvalidPeriodFailsActivationAndAnInvalidChangeIsRefused() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> start(0));
        assertEquals("org.veilor.mesh: probeSeconds = '0' is invalid: must be between 1 and 3600 seconds", e.getMessage());
        sup = null;
        start(7);
        sup.modified(config(99999));
        verify(status).refused(eq("org.veilor.mesh"), anyString());
        assertEquals(7, sup.report().probeSeconds(), "running on the previous configuration");
        sup.modified(config(2));
        assertEquals(2, sup.report().probeSeconds());
    }

    @Test
    void afterDeactivationRefreshSaysTheSupervisorIsStopping() {
        start(5);
        sup.deactivate();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sup.refresh());
        assertEquals("the mesh supervisor is stopping", e.getMessage());
        sup.addLayer(FakeLayer.l3a(LayerState.ACTIVE));
        sup = null;
    }
}
