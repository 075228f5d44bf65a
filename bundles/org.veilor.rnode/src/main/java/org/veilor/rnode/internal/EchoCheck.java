package org.veilor.rnode.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.FieldCheck.Verdict;
import org.veilor.rnode.LoraSettings;

/**
 * Compares what the device echoed with what was asked, with the documented tolerances
 * (mesh-radio.md §5.4): the bandwidth may come back quantised to the chip's step, but only once the
 * radio is on; TX power may come back clamped down by the modem; everything else must match (the
 * frequency within the chip's read-back resolution once on).
 */
final class EchoCheck {

    private EchoCheck() {
    }

    /** What the device reported; a null field means it never answered for that field. */
    record Echo(Long frequency, Long bandwidth, Integer txPower, Integer spreadingFactor, Integer codingRate,
            Integer stAlock, Integer ltAlock) {
    }

    static List<FieldCheck> compare(LoraSettings asked, Echo echo, boolean radioOn) {
        List<FieldCheck> out = new ArrayList<>();
        out.add(frequency(asked.frequency(), echo.frequency(), radioOn));
        out.add(bandwidth(asked.frequency(), asked.bandwidth(), echo.bandwidth(), radioOn));
        out.add(txPower(asked.txPower(), echo.txPower()));
        out.add(exact("spreadingFactor", asked.spreadingFactor(), echo.spreadingFactor(), ""));
        out.add(exact("codingRate", asked.codingRate(), echo.codingRate(), ""));
        out.add(alock("airtimeLimitShort", asked.airtimeLimitShort(), echo.stAlock()));
        out.add(alock("airtimeLimitLong", asked.airtimeLimitLong(), echo.ltAlock()));
        return out;
    }

    static boolean accepted(List<FieldCheck> checks) {
        return checks.stream().allMatch(c -> c.verdict().accepted());
    }

    static FieldCheck frequency(long asked, Long reported, boolean radioOn) {
        if (reported == null) {
            return noAnswer("frequency", asked + " Hz");
        }
        long diff = Math.abs(reported - asked);
        Verdict v = diff == 0 || (radioOn && diff <= Bands.FREQUENCY_READBACK_TOLERANCE) ? Verdict.OK : Verdict.MISMATCH;
        return new FieldCheck("frequency", asked + " Hz", reported + " Hz", v,
                v == Verdict.OK ? "" : "the device runs on another frequency");
    }

    static FieldCheck bandwidth(long frequency, long asked, Long reported, boolean radioOn) {
        if (reported == null) {
            return noAnswer("bandwidth", asked + " Hz");
        }
        long quantised = Bands.quantise(frequency, asked);
        if (reported == asked) {
            return new FieldCheck("bandwidth", asked + " Hz", reported + " Hz", Verdict.OK, "");
        }
        if (radioOn && reported == quantised) {
            return new FieldCheck("bandwidth", asked + " Hz", reported + " Hz", Verdict.QUANTISED,
                    "rounded up to the chip's " + quantised + " Hz step");
        }
        return new FieldCheck("bandwidth", asked + " Hz", reported + " Hz", Verdict.MISMATCH,
                radioOn ? "expected " + asked + " Hz or the chip step " + quantised + " Hz"
                        : "expected " + asked + " Hz while the radio is off");
    }

    static FieldCheck txPower(int asked, Integer reported) {
        if (reported == null) {
            return noAnswer("txPower", asked + " dBm");
        }
        if (reported == asked) {
            return new FieldCheck("txPower", asked + " dBm", reported + " dBm", Verdict.OK, "");
        }
        if (reported < asked) {
            return new FieldCheck("txPower", asked + " dBm", reported + " dBm", Verdict.CLAMPED,
                    "the modem's maximum is " + reported + " dBm");
        }
        return new FieldCheck("txPower", asked + " dBm", reported + " dBm", Verdict.MISMATCH,
                "the device would transmit louder than configured");
    }

    static FieldCheck exact(String field, int asked, Integer reported, String unit) {
        if (reported == null) {
            return noAnswer(field, asked + unit);
        }
        Verdict v = reported == asked ? Verdict.OK : Verdict.MISMATCH;
        return new FieldCheck(field, asked + unit, reported + unit, v,
                v == Verdict.OK ? "" : "the device does not support " + asked + unit);
    }

    static FieldCheck alock(String field, double askedPercent, Integer reportedHundredths) {
        int asked = (int) Math.round(askedPercent * 100);
        String a = percent(asked);
        if (reportedHundredths == null) {
            // No limit is configured by not sending the command (it is optional in the host sequence).
            return asked == 0 ? new FieldCheck(field, a, "(not sent)", Verdict.OK, "") : noAnswer(field, a);
        }
        Verdict v = reportedHundredths == asked ? Verdict.OK : Verdict.MISMATCH;
        return new FieldCheck(field, a, percent(reportedHundredths), v, v == Verdict.OK ? "" : "airtime limit not applied");
    }

    static String percent(int hundredths) {
        return hundredths == 0 ? "off" : String.format(Locale.ROOT, "%.2f %%", hundredths / 100.0);
    }

    private static FieldCheck noAnswer(String field, String asked) {
        return new FieldCheck(field, asked, "(no answer)", Verdict.MISMATCH, "the device did not echo it");
    }
}
