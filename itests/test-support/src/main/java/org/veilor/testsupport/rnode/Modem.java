package org.veilor.testsupport.rnode;

/** The LoRa modem an emulated RNode has, with the limits its firmware enforces (mesh-radio.md §5.4). */
public enum Modem {
    /** SX127x: TX power clamped to 17 dBm, spreading factor to 6..12 by its driver. */
    SX127X(17, 6, new long[] { 7_800, 10_400, 15_600, 20_800, 31_250, 41_700, 62_500, 125_000, 250_000, 500_000 }),
    /** SX1262: TX power clamped to 22 dBm. */
    SX1262(22, 5, new long[] { 7_800, 10_400, 15_600, 20_800, 31_250, 41_700, 62_500, 125_000, 250_000, 500_000 }),
    /** SX1280 (2.4 GHz) without PA: TX power clamped to 13 dBm. */
    SX1280(13, 5, new long[] { 203_125, 406_250, 812_500, 1_625_000 });

    private final int maxTxPower;
    private final int minSpreadingFactor;
    private final long[] bandwidthSteps;

    Modem(int maxTxPower, int minSpreadingFactor, long[] bandwidthSteps) {
        this.maxTxPower = maxTxPower;
        this.minSpreadingFactor = minSpreadingFactor;
        this.bandwidthSteps = bandwidthSteps;
    }

    public int maxTxPower() {
        return maxTxPower;
    }

    public int minSpreadingFactor() {
        return minSpreadingFactor;
    }

    /** The chip bandwidth for a requested one: the next step up (the last step caps it). */
    public long quantise(long bandwidth) {
        for (long step : bandwidthSteps) {
            if (bandwidth <= step) {
                return step;
            }
        }
        return bandwidthSteps[bandwidthSteps.length - 1];
    }
}
