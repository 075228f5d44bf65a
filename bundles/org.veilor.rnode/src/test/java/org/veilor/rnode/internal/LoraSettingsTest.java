package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.veilor.rnode.LoraSettings;

/** The on-air bit rate against the table of mesh-radio.md §5.7. */
class LoraSettingsTest {

    private static double rate(int sf, long bw, int cr) {
        return new LoraSettings(868_000_000L, bw, 7, sf, cr, 0, 0).bitrate();
    }

    @Test
    void bitRateMatchesTheSpecTable() {
        assertEquals(5468.75, rate(7, 125_000, 5), 0.005);
        assertEquals(3125, rate(8, 125_000, 5), 0.005);
        assertEquals(1757.81, rate(9, 125_000, 5), 0.005);
        assertEquals(976.56, rate(10, 125_000, 5), 0.005);
        assertEquals(335.69, rate(11, 125_000, 8), 0.005);
        assertEquals(183.11, rate(12, 125_000, 8), 0.005);
        assertEquals(10937.5, rate(7, 250_000, 5), 0.005);
        assertEquals(2197.27, rate(9, 250_000, 8), 0.005);
        assertEquals(976.56, rate(8, 62_500, 8), 0.005);
        assertEquals(11.43, rate(12, 7_800, 8), 0.005);
    }

    @Test
    void textForPeople() {
        LoraSettings s = new LoraSettings(869_525_000L, 7_800, 7, 7, 5, 0, 0);
        assertEquals("869.525 MHz", s.frequencyText());
        assertEquals("7.8 kHz", s.bandwidthText());
        assertEquals("5.47 kbit/s", new LoraSettings(868_000_000L, 125_000, 7, 7, 5, 0, 0).bitrateText());
        assertEquals("11.43 bit/s", new LoraSettings(868_000_000L, 7_800, 7, 12, 8, 0, 0).bitrateText());
    }
}
