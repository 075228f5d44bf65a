package org.veilor.rnode.internal;

/**
 * Frequency bands and bandwidth steps of the LoRa modems RNodes use (mesh-radio.md §5.4, §5.6).
 */
final class Bands {

    /** Lowest sub-GHz frequency (RNode.py FREQ_MIN; SX127x lower edge). */
    static final long SUB_GHZ_MIN = 137_000_000L;
    /** Highest sub-GHz frequency (RNode.py FREQ_MAX; SX127x upper edge). */
    static final long SUB_GHZ_MAX = 1_020_000_000L;
    /** The SX1280's 2.4 GHz band. */
    static final long GHZ24_MIN = 2_400_000_000L;
    static final long GHZ24_MAX = 2_500_000_000L;

    /** SX126x/SX127x bandwidth steps in Hz; a requested value rounds up to the next one. */
    static final long[] SUB_GHZ_STEPS = { 7_800, 10_400, 15_600, 20_800, 31_250, 41_700, 62_500, 125_000, 250_000, 500_000 };
    /** SX1280 bandwidth steps in Hz. */
    static final long[] GHZ24_STEPS = { 203_125, 406_250, 812_500, 1_625_000 };

    /**
     * Frequency tolerance of a read-back from the chip once the radio is on: one PLL step of the
     * coarsest sub-GHz modem (SX127x: 32 MHz / 2^19 ≈ 61 Hz, a datasheet value), so an echo that
     * differs only by the synthesiser's resolution is not called a mismatch.
     */
    static final long FREQUENCY_READBACK_TOLERANCE = 62;

    private Bands() {
    }

    static boolean is24GHz(long frequency) {
        return frequency >= GHZ24_MIN;
    }

    static long[] steps(long frequency) {
        return is24GHz(frequency) ? GHZ24_STEPS : SUB_GHZ_STEPS;
    }

    static long minBandwidth(long frequency) {
        return steps(frequency)[0];
    }

    static long maxBandwidth(long frequency) {
        long[] s = steps(frequency);
        return s[s.length - 1];
    }

    /** The chip bandwidth a requested value becomes once the radio is on (rounded up). */
    static long quantise(long frequency, long bandwidth) {
        for (long step : steps(frequency)) {
            if (bandwidth <= step) {
                return step;
            }
        }
        return maxBandwidth(frequency);
    }
}
