package org.veilor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.veilor.core.internal.ConfigStatusService;

class ConfigRuleTest {

    private static Integer port(String raw) {
        try {
            int p = Integer.parseInt(raw);
            ConfigException.check(p > 0 && p < 65536, "org.veilor.x", "port", raw, "must be 1..65535");
            return p;
        } catch (NumberFormatException e) {
            throw new ConfigException("org.veilor.x", "port", raw, "not a number");
        }
    }

    private final ConfigStatusService status = new ConfigStatusService();
    private final Logger logger = mock(Logger.class);
    private final ConfigRule<String, Integer> rule = new ConfigRule<>("org.veilor.x", status, logger, ConfigRuleTest::port);

    @Test
    void aValidConfigurationActivates() {
        assertEquals(8101, rule.activate("8101"));
        assertEquals(List.of(), status.reports());
    }

    @Test
    void anInvalidConfigurationFailsActivationNamingPidKeyAndValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> rule.activate("70000"));
        assertEquals("org.veilor.x: port = '70000' is invalid: must be 1..65535", e.getMessage());
        assertEquals("org.veilor.x", e.pid());
        assertEquals("port", e.key());
        ConfigStatus.Report r = status.reports().get(0);
        assertEquals(ConfigStatus.State.FAILED, r.state());
        assertEquals("activation failed: org.veilor.x: port = '70000' is invalid: must be 1..65535", r.describe());
    }

    @Test
    void anInvalidChangeIsRefusedVisiblyAndAValidOneClearsIt() {
        rule.activate("8101");
        assertEquals(Optional.empty(), rule.modified("abc"));
        verify(logger).warn(contains("refused the change"), contains("org.veilor.x: port = 'abc' is invalid: not a number"));
        assertTrue(status.reports().get(0).describe()
                .startsWith("running on previous configuration: org.veilor.x: port = 'abc' is invalid"));
        assertEquals(Optional.of(8102), rule.modified("8102"));
        assertEquals(List.of(), status.reports());
    }

    @Test
    void componentsSharingAPidReportSeparately() {
        ConfigRule<String, Integer> other = new ConfigRule<>("org.veilor.x.other", "org.veilor.x", status, logger, s -> 1);
        rule.activate("1");
        other.activate("1");
        rule.modified("0");
        other.modified("0");
        assertEquals(1, status.reports().size(), "the other component accepted the change; this one's refusal stays");
        rule.deactivated();
        assertEquals(List.of(), status.reports());
    }
}
