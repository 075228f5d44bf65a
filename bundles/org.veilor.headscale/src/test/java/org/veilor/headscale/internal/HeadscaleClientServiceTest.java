package org.veilor.headscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.veilor.core.ConfigException;
import org.veilor.core.ConfigStatus;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.testsupport.headscale.FakeHeadscale;

/** The configuration rule on the client component: invalid at activation fails, an invalid change is refused and the previous server kept. */
class HeadscaleClientServiceTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void validThenRefusedChangeKeepsTheServer() throws Exception {
        try (FakeHeadscale a = new FakeHeadscale("0.29.2", Fixtures.API_KEY); FakeHeadscale b = new FakeHeadscale("0.27.1", Fixtures.API_KEY)) {
            Fixtures.keyFile(dir, Fixtures.API_KEY);
            BundleContext ctx = mock(BundleContext.class);
            when(ctx.getProperty("karaf.etc")).thenReturn(dir.toString());
            when(ctx.registerService(eq(HeadscaleClient.class), any(HeadscaleClient.class), any())).thenReturn(mock(ServiceRegistration.class));
            ConfigStatus status = mock(ConfigStatus.class);
            HeadscaleConfig c = Fixtures.config();
            when(c.serverUrl()).thenReturn(a.url().toString());
            HeadscaleClientService service = new HeadscaleClientService(ctx, status, c);
            verify(ctx).registerService(eq(HeadscaleClient.class), eq(service), any());
            assertEquals("0.29.2", service.serverVersion().version().toString());

            HeadscaleConfig bad = Fixtures.config();
            when(bad.serverUrl()).thenReturn("not a url");
            service.modified(bad);
            verify(status).refused(eq("org.veilor.headscale.client"), any());
            assertEquals(a.url().toString(), service.serverUrl(), "running on the previous configuration");

            HeadscaleConfig moved = Fixtures.config();
            when(moved.serverUrl()).thenReturn(b.url().toString());
            service.modified(moved);
            assertEquals("0.27.1", service.serverVersion().version().toString(), "a valid change is applied in place");
            service.deactivate();
            verify(status).removed("org.veilor.headscale.client");
        }
    }

    @Test
    void invalidAtActivationFailsAndPublishesNothing() {
        BundleContext ctx = mock(BundleContext.class);
        when(ctx.getProperty("karaf.etc")).thenReturn(dir.toString());
        ConfigStatus status = mock(ConfigStatus.class);
        HeadscaleConfig c = Fixtures.config();
        when(c.version()).thenReturn("zero");
        ConfigException e = assertThrows(ConfigException.class, () -> new HeadscaleClientService(ctx, status, c));
        assertEquals("version", e.key());
        verify(status).failed(eq("org.veilor.headscale.client"), any());
        verify(ctx, never()).registerService(eq(HeadscaleClient.class), any(HeadscaleClient.class), any());
    }
}
