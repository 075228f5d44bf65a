package org.veilor.rnode.internal;

import java.math.BigDecimal;
import org.veilor.core.ConfigException;
import org.veilor.rnode.LoraSettings;

/**
 * A validated radio configuration: the one validation method of {@link RadioConfig}. Every value
 * is checked against mesh-radio.md §5.6 before anything touches the device.
 *
 * @param pid the configuration's PID (for messages and status)
 * @param name the radio's name
 * @param port {@code auto} or an absolute device path
 * @param settings the radio parameters
 * @param flowControl wait for CMD_READY between packets
 * @param open how the port is opened after another program may have had it
 */
record RadioPlan(String pid, String name, String port, LoraSettings settings, boolean flowControl, OpenRule open) {

    static final String AUTO = "auto";

    boolean auto() {
        return AUTO.equals(port);
    }

    static RadioPlan validate(RadioConfig c, String pid) {
        String name = c.name() == null || c.name().isBlank() ? alias(pid) : c.name().strip();
        check(name.matches("[A-Za-z0-9._-]{1,32}"), pid, "name", name, "must be 1..32 letters, digits, '.', '_' or '-'");
        String port = c.port() == null ? "" : c.port().strip();
        check(port.equals(AUTO) || (port.startsWith("/") && !port.matches(".*\\s.*") && !port.contains("/../")),
                pid, "port", c.port(), "must be 'auto' or an absolute device path such as /dev/serial/by-id/usb-...");

        long f = c.frequency();
        check(f != 0, pid, "frequency", null, "required: the carrier frequency in Hz");
        boolean sub = f >= Bands.SUB_GHZ_MIN && f <= Bands.SUB_GHZ_MAX;
        boolean g24 = f >= Bands.GHZ24_MIN && f <= Bands.GHZ24_MAX;
        check(sub || g24, pid, "frequency", f, "allowed " + Bands.SUB_GHZ_MIN + ".." + Bands.SUB_GHZ_MAX
                + " Hz (sub-GHz modems) or " + Bands.GHZ24_MIN + ".." + Bands.GHZ24_MAX + " Hz (SX1280)");

        long bw = c.bandwidth();
        long bwMin = Bands.minBandwidth(f);
        long bwMax = Bands.maxBandwidth(f);
        check(bw >= bwMin && bw <= bwMax, pid, "bandwidth", bw,
                "allowed " + bwMin + ".." + bwMax + " Hz " + (g24 ? "at 2.4 GHz" : "below 1 GHz"));

        int txMax = g24 ? 20 : 22;
        check(c.txPower() >= 0 && c.txPower() <= txMax, pid, "txPower", c.txPower(),
                "allowed 0.." + txMax + " dBm " + (g24 ? "at 2.4 GHz" : "below 1 GHz"));
        check(c.spreadingFactor() >= 5 && c.spreadingFactor() <= 12, pid, "spreadingFactor", c.spreadingFactor(), "allowed 5..12");
        check(c.codingRate() >= 5 && c.codingRate() <= 8, pid, "codingRate", c.codingRate(), "allowed 5..8 (4/5..4/8)");
        airtime(pid, "airtimeLimitShort", c.airtimeLimitShort());
        airtime(pid, "airtimeLimitLong", c.airtimeLimitLong());
        check(c.bootDelay() >= 0 && c.bootDelay() <= 30_000, pid, "bootDelay", c.bootDelay(), "allowed 0..30000 ms");
        check(c.detectTimeout() >= 200 && c.detectTimeout() <= 60_000, pid, "detectTimeout", c.detectTimeout(),
                "allowed 200..60000 ms");
        check(c.detectAttempts() >= 1 && c.detectAttempts() <= 10, pid, "detectAttempts", c.detectAttempts(), "allowed 1..10");
        check(c.portReleaseTimeout() >= 0 && c.portReleaseTimeout() <= 300_000, pid, "portReleaseTimeout",
                c.portReleaseTimeout(), "allowed 0..300000 ms");

        LoraSettings s = new LoraSettings(f, bw, c.txPower(), c.spreadingFactor(), c.codingRate(),
                c.airtimeLimitShort(), c.airtimeLimitLong());
        return new RadioPlan(pid, name, port, s, c.flowControl(),
                new OpenRule(c.bootDelay(), c.detectTimeout(), c.detectAttempts(), c.portReleaseTimeout()));
    }

    private static void airtime(String pid, String key, double percent) {
        check(!Double.isNaN(percent) && percent >= 0 && percent <= 100, pid, key, percent,
                "allowed 0..100 percent (0 = no limit)");
        check(BigDecimal.valueOf(percent).stripTrailingZeros().scale() <= 2, pid, key, percent,
                "at most two decimals (the device takes hundredths of a percent)");
    }

    /** The part after '~' of a named factory configuration's PID, else the PID's last segment. */
    static String alias(String pid) {
        int tilde = pid.lastIndexOf('~');
        String a = tilde >= 0 ? pid.substring(tilde + 1) : pid.substring(pid.lastIndexOf('.') + 1);
        return a.length() > 32 ? a.substring(0, 32) : a;
    }

    private static void check(boolean ok, String pid, String key, Object value, String reason) {
        ConfigException.check(ok, pid, key, value, reason);
    }
}
