package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigException;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;

/** The one validation method of PID org.veilor.mesh.reticulum: every refusal names PID, key and value. */
class ReticulumSettingsTest {

    private static final String FORK = "https://git.example.org/retinet/retinet";

    static ReticulumSettings valid(Map<String, String> cfg) {
        return ReticulumSettings.validate(CfgConfig.of(cfg));
    }

    static ConfigException invalid(Map<String, String> cfg) {
        return assertThrows(ConfigException.class, () -> valid(cfg));
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void theDefaultsAreValidAndSayWhatIsMissing() {
        ReticulumSettings s = valid(Map.of());
        assertTrue(s.autoInterface());
        assertEquals("reticulum", s.groupId());
        assertFalse(s.source().configured());
        assertFalse(s.hasRadio());
        assertTrue(s.backboneDegraded());
        assertEquals("0 of the 12 TCP backbone peers the strategy wants (degraded)", s.backboneSummary());
        assertEquals("unset (retinetRepository/retinetVersion): ujust install-reticulum refuses to run", s.source().describe());
    }

    @Test
    void backbonePeersComeOnePerEntryOrCommaSeparatedWithIpv6InBrackets() {
        ReticulumSettings s = ReticulumSettings.validate(new CfgConfigBuilder().peers("a.example.net:4242, 10.0.0.1:1",
                "[fd00::1]:65535", " ").build());
        assertEquals(List.of(new BackbonePeer("a.example.net", 4242), new BackbonePeer("10.0.0.1", 1),
                new BackbonePeer("fd00::1", 65535)), s.backbonePeers());
        assertEquals("[fd00::1]:65535", s.backbonePeers().get(2).toString());
        StringBuilder twelve = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            twelve.append(i == 1 ? "" : ",").append("hub").append(i).append(".example.net:4242");
        }
        ReticulumSettings full = valid(with("backbonePeers", twelve.toString()));
        assertFalse(full.backboneDegraded());
        assertEquals("12 of the 12 TCP backbone peers the strategy wants", full.backboneSummary());
    }

    @Test
    void badBackbonePeersAreRefusedNamingTheEntry() {
        assertRefused(with("backbonePeers", "hub.example.net"), "backbonePeers", "'hub.example.net'", "a backbone peer is host:port");
        assertRefused(with("backbonePeers", "hub.example.net:0"), "backbonePeers", "'hub.example.net:0'", "the port must be a number 1..65535");
        assertRefused(with("backbonePeers", "hub.example.net:70000"), "backbonePeers", "'hub.example.net:70000'",
                "the port must be a number 1..65535");
        assertRefused(with("backbonePeers", "hub_1.example.net:4242"), "backbonePeers", "'hub_1.example.net:4242'",
                "'hub_1.example.net' is neither a host name nor an IPv4 address");
        assertRefused(with("backbonePeers", "300.1.1.1:4242"), "backbonePeers", "'300.1.1.1:4242'", "not an IPv4 address: 300.1.1.1");
        assertRefused(with("backbonePeers", "fd00::1:4242"), "backbonePeers", "'fd00::1:4242'", "write an IPv6 peer as [address]:port");
        assertRefused(with("backbonePeers", "[zz::1]:4242"), "backbonePeers", "'[zz::1]:4242'", "not an IPv6 address between the brackets");
        assertRefused(with("backbonePeers", "a.example.net:1, A.example.net:1"), "backbonePeers", "'A.example.net:1'", "is listed twice");
    }

    @Test
    void theRetinetSourceIsTheForksHttpsRepositoryWithAVersion() {
        ReticulumSettings s = valid(with("retinetRepository", FORK, "retinetVersion", "v1.0.2",
                "sidebandRepository", "https://git.example.org/retinet/sideband.git", "sidebandVersion", "0a1b2c3d"));
        assertTrue(s.source().configured() && s.source().withSideband());
        assertEquals(FORK + " @ v1.0.2; Sideband https://git.example.org/retinet/sideband.git @ 0a1b2c3d", s.source().describe());

        assertRefused(with("retinetRepository", FORK), "retinetVersion", "(unset)", "required with retinetRepository");
        assertRefused(with("retinetVersion", "v1"), "retinetVersion", "'v1'", "is set but retinetRepository is not");
        assertRefused(with("retinetRepository", "http://git.example.org/retinet", "retinetVersion", "v1"), "retinetRepository",
                "'http://git.example.org/retinet'", "must be an https:// git repository URL");
        assertRefused(with("retinetRepository", "https://user:token@git.example.org/r", "retinetVersion", "v1"),
                "retinetRepository", null, "must not carry a user or token");
        assertRefused(with("retinetRepository", "https://github.com/markqvist/Reticulum", "retinetVersion", "1.0.0"),
                "retinetRepository", null, "is upstream Reticulum; the strategy installs the RetiNet (AGPL) fork");
        assertRefused(with("retinetRepository", "https://pypi.org/simple/", "retinetVersion", "1.0.0"), "retinetRepository", null,
                "is a package index, not the fork's git repository");
        assertRefused(with("retinetRepository", FORK, "retinetVersion", "v1 --index-url x"), "retinetVersion", null,
                "a tag or commit");
        assertRefused(with("retinetRepository", FORK, "retinetVersion", "-e"), "retinetVersion", "'-e'", "a tag or commit");
        assertRefused(with("sidebandRepository", "https://git.example.org/sb", "sidebandVersion", "v1"), "sidebandRepository", null,
                "needs retinetRepository");
    }

    @Test
    void otherKeysAreCheckedToo() {
        assertRefused(with("autoInterfaceGroupId", "my group"), "autoInterfaceGroupId", "'my group'", "1..64 letters");
        assertRefused(with("autoInterfaceGroupId", ""), "autoInterfaceGroupId", "''", "1..64 letters");
        assertRefused(with("radio", "lora 0"), "radio", "'lora 0'", "the name of an RNode radio");
        assertRefused(with("autoInterface", "false"), "autoInterface", "'false'", "rnsd would have no interface at all");
        assertRefused(with("logLevel", "8"), "logLevel", "'8'", "must be 0..7");
        assertRefused(with("statusTimeoutSeconds", "0"), "statusTimeoutSeconds", "'0'", "must be between 1 and 60");
        assertRefused(with("startTimeoutSeconds", "301"), "startTimeoutSeconds", "'301'", "must be between 5 and 300");
        assertRefused(with("autoInterface", "maybe"), "autoInterface", "'maybe'", "must be true or false");
        assertRefused(with("logLevel", "four"), "logLevel", "'four'", "must be a whole number");
        assertEquals("org.veilor.rnode.radio~lora0", valid(with("radio", "org.veilor.rnode.radio~lora0")).radio());
    }

    @Test
    void anInvalidChangeIsRefusedAndReportedUnderThePid() {
        ConfigStatus status = mock(ConfigStatus.class);
        ConfigRule<ReticulumConfig, ReticulumSettings> rule = new ConfigRule<>(ReticulumSettings.PID, status,
                LoggerFactory.getLogger(getClass()), ReticulumSettings::validate);
        rule.activate(CfgConfig.of(Map.of()));
        assertTrue(rule.modified(CfgConfig.of(with("logLevel", "9"))).isEmpty());
        verify(status).refused(eq(ReticulumSettings.PID), any());
    }

    private static void assertRefused(Map<String, String> cfg, String key, String value, String reason) {
        ConfigException e = invalid(cfg);
        assertEquals(ReticulumSettings.PID, e.pid());
        assertEquals(key, e.key(), e.getMessage());
        if (value != null) {
            assertEquals(value, e.value(), e.getMessage());
        }
        assertTrue(e.reason().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith(ReticulumSettings.PID + ": " + key + " = "), e.getMessage());
    }

    /** The OCD as DS gives it when the .cfg lists backbone peers on several lines of an array. */
    private static final class CfgConfigBuilder {
        private String[] peers = new String[0];

        CfgConfigBuilder peers(String... p) {
            peers = p;
            return this;
        }

        ReticulumConfig build() {
            ReticulumConfig base = CfgConfig.of(Map.of());
            ReticulumConfig c = mock(ReticulumConfig.class, inv -> inv.getMethod().invoke(base));
            org.mockito.Mockito.doReturn(peers).when(c).backbonePeers();
            return c;
        }
    }
}
