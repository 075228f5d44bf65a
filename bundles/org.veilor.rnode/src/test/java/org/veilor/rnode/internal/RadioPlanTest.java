package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.veilor.core.ConfigException;

/** Every parameter against the ranges of mesh-radio.md §5.6; errors name PID, key, value and the allowed range. */
class RadioPlanTest {

    static final String PID = "org.veilor.rnode.radio~lora0";

    /** A valid configuration with the OCD defaults and 868 MHz. */
    static RadioConfig config() {
        RadioConfig c = mock(RadioConfig.class);
        when(c.name()).thenReturn("");
        when(c.port()).thenReturn("/dev/serial/by-id/usb-Silicon_Labs_CP2102-if00-port0");
        when(c.frequency()).thenReturn(868_000_000L);
        when(c.bandwidth()).thenReturn(125_000L);
        when(c.txPower()).thenReturn(7);
        when(c.spreadingFactor()).thenReturn(8);
        when(c.codingRate()).thenReturn(5);
        when(c.airtimeLimitShort()).thenReturn(0.0);
        when(c.airtimeLimitLong()).thenReturn(0.0);
        when(c.bootDelay()).thenReturn(2000);
        when(c.detectTimeout()).thenReturn(5000);
        when(c.detectAttempts()).thenReturn(ocdDefault("detectAttempts"));
        when(c.portReleaseTimeout()).thenReturn(ocdDefault("portReleaseTimeout"));
        return c;
    }

    /** A default as the OCD declares it (defaults live only there). */
    static int ocdDefault(String key) {
        try {
            return (Integer) RadioConfig.class.getMethod(key).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static ConfigException invalid(RadioConfig c) {
        return assertThrows(ConfigException.class, () -> RadioPlan.validate(c, PID));
    }

    @Test
    void aValidConfigurationKeepsItsValuesAndTakesTheAliasAsName() {
        RadioPlan p = RadioPlan.validate(config(), PID);
        assertEquals("lora0", p.name());
        assertEquals(868_000_000L, p.settings().frequency());
        assertEquals(3125.0, p.settings().bitrate(), 1e-9);
        assertEquals("lora0", RadioPlan.alias(PID));
        assertEquals("4b1d-9", RadioPlan.alias("org.veilor.rnode.radio.4b1d-9"));
    }

    @Test
    void frequencyOutsideEveryBandIsRefusedWithTheAllowedRanges() {
        RadioConfig c = config();
        when(c.frequency()).thenReturn(100_000_000L);
        ConfigException e = invalid(c);
        assertEquals(PID, e.pid());
        assertEquals("frequency", e.key());
        assertEquals("'100000000'", e.value());
        assertTrue(e.getMessage().contains("allowed 137000000..1020000000 Hz (sub-GHz modems) or 2400000000..2500000000 Hz (SX1280)"), e.getMessage());
        when(c.frequency()).thenReturn(1_500_000_000L);
        assertEquals("frequency", invalid(c).key());
        when(c.frequency()).thenReturn(0L);
        assertTrue(invalid(c).getMessage().contains("frequency = (unset) is invalid: required"));
    }

    @Test
    void bandEdgesAreAccepted() {
        RadioConfig c = config();
        for (long f : new long[] { 137_000_000L, 1_020_000_000L }) {
            when(c.frequency()).thenReturn(f);
            assertEquals(f, RadioPlan.validate(c, PID).settings().frequency());
        }
        when(c.frequency()).thenReturn(2_400_000_000L);
        when(c.bandwidth()).thenReturn(203_125L);
        when(c.txPower()).thenReturn(20);
        assertEquals(2_400_000_000L, RadioPlan.validate(c, PID).settings().frequency());
    }

    @Test
    void bandwidthRangeDependsOnTheBand() {
        RadioConfig c = config();
        when(c.bandwidth()).thenReturn(7_799L);
        assertTrue(invalid(c).getMessage().contains("bandwidth = '7799' is invalid: allowed 7800..500000 Hz below 1 GHz"));
        when(c.bandwidth()).thenReturn(812_500L);
        assertEquals("bandwidth", invalid(c).key());
        when(c.frequency()).thenReturn(2_450_000_000L);
        assertEquals(812_500L, RadioPlan.validate(c, PID).settings().bandwidth());
        when(c.bandwidth()).thenReturn(125_000L);
        assertTrue(invalid(c).getMessage().contains("allowed 203125..1625000 Hz at 2.4 GHz"));
    }

    @Test
    void txPowerSpreadingFactorAndCodingRateRanges() {
        RadioConfig c = config();
        when(c.txPower()).thenReturn(23);
        assertTrue(invalid(c).getMessage().contains("txPower = '23' is invalid: allowed 0..22 dBm below 1 GHz"));
        when(c.txPower()).thenReturn(-1);
        assertEquals("txPower", invalid(c).key());
        when(c.txPower()).thenReturn(22);
        when(c.spreadingFactor()).thenReturn(4);
        assertTrue(invalid(c).getMessage().contains("spreadingFactor = '4' is invalid: allowed 5..12"));
        when(c.spreadingFactor()).thenReturn(13);
        assertEquals("spreadingFactor", invalid(c).key());
        when(c.spreadingFactor()).thenReturn(12);
        when(c.codingRate()).thenReturn(4);
        assertTrue(invalid(c).getMessage().contains("codingRate = '4' is invalid: allowed 5..8 (4/5..4/8)"));
        when(c.codingRate()).thenReturn(9);
        assertEquals("codingRate", invalid(c).key());
    }

    @Test
    void airtimeLimitsArePercentWithHundredths() {
        RadioConfig c = config();
        when(c.airtimeLimitShort()).thenReturn(1.5);
        when(c.airtimeLimitLong()).thenReturn(100.0);
        RadioPlan p = RadioPlan.validate(c, PID);
        assertEquals(1.5, p.settings().airtimeLimitShort());
        when(c.airtimeLimitShort()).thenReturn(100.5);
        assertTrue(invalid(c).getMessage().contains("airtimeLimitShort = '100.5' is invalid: allowed 0..100 percent"));
        when(c.airtimeLimitShort()).thenReturn(1.555);
        assertTrue(invalid(c).getMessage().contains("at most two decimals"));
        when(c.airtimeLimitShort()).thenReturn(0.0);
        when(c.airtimeLimitLong()).thenReturn(-2.0);
        assertEquals("airtimeLimitLong", invalid(c).key());
    }

    @Test
    void portNameAndTimings() {
        RadioConfig c = config();
        when(c.port()).thenReturn("ttyUSB0");
        assertTrue(invalid(c).getMessage().contains("port = 'ttyUSB0' is invalid: must be 'auto' or an absolute device path"));
        when(c.port()).thenReturn("auto");
        assertTrue(RadioPlan.validate(c, PID).auto());
        when(c.name()).thenReturn("bad name");
        assertEquals("name", invalid(c).key());
        when(c.name()).thenReturn("base-868");
        assertEquals("base-868", RadioPlan.validate(c, PID).name());
        when(c.bootDelay()).thenReturn(30_001);
        assertEquals("bootDelay", invalid(c).key());
        when(c.bootDelay()).thenReturn(0);
        when(c.detectTimeout()).thenReturn(100);
        assertTrue(invalid(c).getMessage().contains("detectTimeout = '100' is invalid: allowed 200..60000 ms"));
    }

    @Test
    void theRuleForTakingAPortAfterAnotherProgramIsBounded() {
        RadioConfig c = config();
        OpenRule rule = RadioPlan.validate(c, PID).open();
        assertEquals(new OpenRule(2000, 5000, 3, 10_000), rule, "the OCD defaults");
        assertEquals(new OpenRule(2000, 5000, 3, 0), rule.noWait());
        when(c.detectAttempts()).thenReturn(0);
        assertEquals(PID + ": detectAttempts = '0' is invalid: allowed 1..10", invalid(c).getMessage());
        when(c.detectAttempts()).thenReturn(11);
        assertEquals("detectAttempts", invalid(c).key());
        when(c.detectAttempts()).thenReturn(1);
        when(c.portReleaseTimeout()).thenReturn(-1);
        assertEquals(PID + ": portReleaseTimeout = '-1' is invalid: allowed 0..300000 ms", invalid(c).getMessage());
        when(c.portReleaseTimeout()).thenReturn(300_001);
        assertEquals("portReleaseTimeout", invalid(c).key());
        when(c.portReleaseTimeout()).thenReturn(0);
        assertEquals(new OpenRule(2000, 5000, 1, 0), RadioPlan.validate(c, PID).open());
    }
}
