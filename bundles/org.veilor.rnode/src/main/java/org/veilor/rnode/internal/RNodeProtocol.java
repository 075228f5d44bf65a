package org.veilor.rnode.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RNodeError;
import org.veilor.rnode.RadioException;

/**
 * The host sequence of mesh-radio.md §5.5 over a {@link RNodeConnection} after detection
 * ({@link DetectHandshake}): configure in the documented order, switch the radio on and verify every echo.
 */
final class RNodeProtocol {

    /** How long one reply may take once the device is known to be there. */
    static final long REPLY_TIMEOUT_MS = 1_000;
    /** The reference host waits about this long after switching the radio on before checking. */
    static final long SETTLE_MS = 250;

    private RNodeProtocol() {
    }

    /** The port answered, but not as an RNode should: nothing, or not the detect reply. */
    static final class NotDetected extends RadioException {
        private static final long serialVersionUID = 1L;

        NotDetected(String message) {
            super(message);
        }
    }

    /** The device refused the configuration or reported values outside the tolerances. */
    static final class Rejected extends RadioException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldCheck> checks;

        Rejected(String message, List<FieldCheck> checks) {
            super(message);
            this.checks = List.copyOf(checks);
        }

        List<FieldCheck> checks() {
            return checks;
        }
    }

    /** The outcome of a configuration: what the device confirmed. */
    record Verified(LoraSettings settings, List<FieldCheck> checks) {
    }

    /**
     * Configures in the documented order — frequency, bandwidth, TX power, spreading factor, coding
     * rate, airtime limits (only when set), radio on — checking each echo; then re-reads every value
     * with the radio on and checks again. Nothing is switched on when an echo is already wrong.
     */
    static Verified configure(RNodeConnection c, LoraSettings s) throws IOException, RadioException {
        boolean on = c.request(Commands.RADIO_STATE, Kiss.frame(Commands.RADIO_STATE, Commands.ASK), REPLY_TIMEOUT_MS)
                .u8(0) == Commands.RADIO_ON;
        c.takeLastError();
        List<FieldCheck> echoes = new ArrayList<>();
        echoes.add(EchoCheck.frequency(s.frequency(), set32(c, Commands.FREQUENCY, s.frequency()), on));
        echoes.add(EchoCheck.bandwidth(s.frequency(), s.bandwidth(), set32(c, Commands.BANDWIDTH, s.bandwidth()), on));
        echoes.add(EchoCheck.txPower(s.txPower(), set8(c, Commands.TXPOWER, s.txPower())));
        echoes.add(EchoCheck.exact("spreadingFactor", s.spreadingFactor(), set8(c, Commands.SF, s.spreadingFactor()), ""));
        echoes.add(EchoCheck.exact("codingRate", s.codingRate(), set8(c, Commands.CR, s.codingRate()), ""));
        Integer st = alock(c, Commands.ST_ALOCK, s.airtimeLimitShort());
        Integer lt = alock(c, Commands.LT_ALOCK, s.airtimeLimitLong());
        echoes.add(EchoCheck.alock("airtimeLimitShort", s.airtimeLimitShort(), st));
        echoes.add(EchoCheck.alock("airtimeLimitLong", s.airtimeLimitLong(), lt));
        if (!EchoCheck.accepted(echoes)) {
            throw rejected("the device did not take the configuration", echoes);
        }

        int state = c.request(Commands.RADIO_STATE, Kiss.frame(Commands.RADIO_STATE, Commands.RADIO_ON), REPLY_TIMEOUT_MS).u8(0);
        if (state != Commands.RADIO_ON) {
            int error = c.takeLastError();
            throw new Rejected("the device did not switch the radio on"
                    + (error >= 0 ? ": it reported " + RNodeError.describe(error) : ""), echoes);
        }
        sleep(SETTLE_MS);
        c.discard(Commands.RADIO_STATE); // the firmware may echo the state twice
        Verified v = check(c, s, st, lt);
        if (!EchoCheck.accepted(v.checks())) {
            throw rejected("the radio runs with other values than configured", v.checks());
        }
        return v;
    }

    /** Re-reads every value (queries) and compares with what was asked; the radio state must be on. */
    static Verified check(RNodeConnection c, LoraSettings s, Integer st, Integer lt) throws IOException, RadioException {
        Long f = c.request(Commands.FREQUENCY, Kiss.frame32(Commands.FREQUENCY, 0), REPLY_TIMEOUT_MS).unsigned();
        Long bw = c.request(Commands.BANDWIDTH, Kiss.frame32(Commands.BANDWIDTH, 0), REPLY_TIMEOUT_MS).unsigned();
        int tx = c.request(Commands.TXPOWER, Kiss.frame(Commands.TXPOWER, Commands.ASK), REPLY_TIMEOUT_MS).u8(0);
        int sf = c.request(Commands.SF, Kiss.frame(Commands.SF, Commands.ASK), REPLY_TIMEOUT_MS).u8(0);
        int cr = c.request(Commands.CR, Kiss.frame(Commands.CR, Commands.ASK), REPLY_TIMEOUT_MS).u8(0);
        int state = c.request(Commands.RADIO_STATE, Kiss.frame(Commands.RADIO_STATE, Commands.ASK), REPLY_TIMEOUT_MS).u8(0);
        c.discard(Commands.RADIO_STATE);
        int txp = (byte) tx;
        List<FieldCheck> checks = new ArrayList<>(EchoCheck.compare(s, new EchoCheck.Echo(f, bw, txp, sf, cr, st, lt), true));
        checks.add(new FieldCheck("radioState", "on", state == Commands.RADIO_ON ? "on" : "off",
                state == Commands.RADIO_ON ? FieldCheck.Verdict.OK : FieldCheck.Verdict.MISMATCH,
                state == Commands.RADIO_ON ? "" : "the radio is off"));
        LoraSettings reported = new LoraSettings(f, bw, txp, sf, cr, st == null ? s.airtimeLimitShort() : st / 100.0,
                lt == null ? s.airtimeLimitLong() : lt / 100.0);
        return new Verified(reported, checks);
    }

    private static Long set32(RNodeConnection c, int command, long value) throws IOException {
        try {
            return c.request(command, Kiss.frame32(command, value), REPLY_TIMEOUT_MS).unsigned();
        } catch (RadioException e) {
            return null;
        }
    }

    private static Integer set8(RNodeConnection c, int command, int value) throws IOException {
        try {
            return (int) (byte) c.request(command, Kiss.frame(command, value), REPLY_TIMEOUT_MS).u8(0);
        } catch (RadioException e) {
            return null;
        }
    }

    private static Integer alock(RNodeConnection c, int command, double percent) throws IOException {
        int hundredths = (int) Math.round(percent * 100);
        if (hundredths == 0) {
            return null;
        }
        try {
            return c.request(command, Kiss.frame16(command, hundredths), REPLY_TIMEOUT_MS).u16(0);
        } catch (RadioException e) {
            return null;
        }
    }

    /**
     * How long to wait for {@code CMD_READY} after a packet: a full-size packet's airtime at this
     * bit rate, three times over, plus two seconds (capped at ten minutes).
     */
    static long readyTimeoutMs(LoraSettings s) {
        double bitsPerSecond = Math.max(1, s.bitrate());
        long airtimeMs = (long) ((Commands.MTU + 16) * 8 * 1000 / bitsPerSecond);
        return Math.min(600_000, 2_000 + 3 * airtimeMs);
    }

    private static Rejected rejected(String what, List<FieldCheck> checks) {
        StringBuilder sb = new StringBuilder(what);
        for (FieldCheck f : checks) {
            if (!f.verdict().accepted()) {
                sb.append("; ").append(f.describe());
            }
        }
        return new Rejected(sb.toString(), checks);
    }

    private static void sleep(long ms) throws RadioException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RadioException("interrupted");
        }
    }
}
