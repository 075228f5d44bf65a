package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.FieldCheck.Verdict;

/** The documented echo tolerances (mesh-radio.md §5.4). */
class EchoCheckTest {

    @Test
    void bandwidthMayBeQuantisedOnlyOnceTheRadioIsOn() {
        assertEquals(Verdict.OK, EchoCheck.bandwidth(868_000_000L, 100_000, 100_000L, false).verdict());
        FieldCheck off = EchoCheck.bandwidth(868_000_000L, 100_000, 125_000L, false);
        assertEquals(Verdict.MISMATCH, off.verdict());
        assertTrue(off.describe().contains("expected 100000 Hz while the radio is off"), off.describe());
        assertEquals(Verdict.QUANTISED, EchoCheck.bandwidth(868_000_000L, 100_000, 125_000L, true).verdict());
        assertEquals(Verdict.OK, EchoCheck.bandwidth(868_000_000L, 125_000, 125_000L, true).verdict());
        assertEquals(Verdict.MISMATCH, EchoCheck.bandwidth(868_000_000L, 100_000, 250_000L, true).verdict());
        assertEquals(Verdict.QUANTISED, EchoCheck.bandwidth(2_400_000_000L, 300_000, 406_250L, true).verdict());
    }

    @Test
    void quantisationRoundsUpToTheNextChipStep() {
        assertEquals(7_800, Bands.quantise(868_000_000L, 7_000));
        assertEquals(10_400, Bands.quantise(868_000_000L, 7_801));
        assertEquals(62_500, Bands.quantise(868_000_000L, 62_500));
        assertEquals(125_000, Bands.quantise(868_000_000L, 62_501));
        assertEquals(500_000, Bands.quantise(868_000_000L, 500_000));
        assertEquals(1_625_000, Bands.quantise(2_400_000_000L, 812_501));
    }

    @Test
    void txPowerMayComeBackClampedButNeverLouder() {
        FieldCheck clamped = EchoCheck.txPower(20, 17);
        assertEquals(Verdict.CLAMPED, clamped.verdict());
        assertEquals("txPower: asked 20 dBm, device reports 17 dBm (clamped: the modem's maximum is 17 dBm)", clamped.describe());
        assertEquals(Verdict.MISMATCH, EchoCheck.txPower(14, 17).verdict());
        assertEquals(Verdict.OK, EchoCheck.txPower(14, 14).verdict());
    }

    @Test
    void frequencyMustMatchExceptForTheChipsReadBackResolution() {
        assertEquals(Verdict.OK, EchoCheck.frequency(868_000_000L, 868_000_000L, false).verdict());
        assertEquals(Verdict.MISMATCH, EchoCheck.frequency(868_000_000L, 868_000_061L, false).verdict());
        assertEquals(Verdict.OK, EchoCheck.frequency(868_000_000L, 868_000_061L, true).verdict());
        assertEquals(Verdict.MISMATCH, EchoCheck.frequency(868_000_000L, 868_100_000L, true).verdict());
    }

    @Test
    void noAnswerIsAMismatchAndUnsetAirtimeLimitsAreNotSent() {
        FieldCheck none = EchoCheck.exact("spreadingFactor", 9, null, "");
        assertEquals(Verdict.MISMATCH, none.verdict());
        assertEquals("(no answer)", none.reported());
        assertEquals(Verdict.OK, EchoCheck.alock("airtimeLimitShort", 0, null).verdict());
        assertEquals(Verdict.MISMATCH, EchoCheck.alock("airtimeLimitShort", 1.5, null).verdict());
        assertEquals(Verdict.OK, EchoCheck.alock("airtimeLimitShort", 1.5, 150).verdict());
        assertEquals("1.50 %", EchoCheck.alock("airtimeLimitShort", 1.5, 150).asked());
    }
}
