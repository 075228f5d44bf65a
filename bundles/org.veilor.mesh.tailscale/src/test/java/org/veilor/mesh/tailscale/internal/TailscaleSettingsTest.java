package org.veilor.mesh.tailscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.veilor.core.ConfigException;

class TailscaleSettingsTest {

    private static TailscaleConfig config(String server, String hostname) {
        TailscaleConfig c = mock(TailscaleConfig.class);
        when(c.loginServer()).thenReturn(server);
        when(c.hostname()).thenReturn(hostname);
        when(c.acceptDns()).thenReturn(true);
        when(c.statusTimeoutSeconds()).thenReturn(4);
        when(c.upTimeoutSeconds()).thenReturn(120);
        return c;
    }

    @Test
    void theNodeProfileValuesAreValid() {
        TailscaleSettings s = TailscaleSettings.validate(config(" https://hs.s8n.ru ", ""));
        assertEquals("https://hs.s8n.ru", s.loginServer());
        assertEquals("hs.s8n.ru", s.loginHost());
        assertEquals("", s.hostname());
        assertEquals("onyx-2", TailscaleSettings.validate(config("http://127.0.0.1:8080", "onyx-2")).hostname());
    }

    @Test
    void badValuesNamePidKeyAndValue() {
        assertRefused(config("hs.s8n.ru", ""), "org.veilor.mesh.tailscale: loginServer = 'hs.s8n.ru' is invalid: must be an https:// URL");
        assertRefused(config("http://hs.s8n.ru", ""), "loginServer = 'http://hs.s8n.ru' is invalid: plain http is allowed only on a loopback address");
        assertRefused(config("https://u:p@hs.s8n.ru", ""), "must not carry a user or password");
        assertRefused(config("https://hs.s8n.ru/?x=1", ""), "must not have a query or fragment");
        assertRefused(config("", ""), "loginServer = '' is invalid: must not be empty");
        assertRefused(config("https://hs.s8n.ru", "-bad"), "hostname = '-bad' is invalid: must be one DNS label");
        assertRefused(config("https://hs.s8n.ru", "a.b"), "hostname = 'a.b' is invalid");
        TailscaleConfig slow = config("https://hs.s8n.ru", "");
        when(slow.statusTimeoutSeconds()).thenReturn(0);
        assertRefused(slow, "statusTimeoutSeconds = '0' is invalid: must be between 1 and 60");
    }

    private static void assertRefused(TailscaleConfig c, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> TailscaleSettings.validate(c));
        assertEquals(true, e.getMessage().contains(expected), e.getMessage());
    }
}
