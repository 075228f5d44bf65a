package org.veilor.rnode;

/**
 * One radio parameter compared between what was asked and what the device reports.
 *
 * @param field parameter name as in the configuration ({@code frequency}, {@code bandwidth}, …)
 * @param asked the requested value, as text with its unit
 * @param reported the device's value, as text with its unit ({@code (no answer)} when it sent none)
 * @param verdict how they compare
 * @param note why a difference is accepted or refused
 */
public record FieldCheck(String field, String asked, String reported, Verdict verdict, String note) {

    /** The outcome for one field. */
    public enum Verdict {
        /** Same value. */
        OK,
        /** Lowered by the modem to what it can do (TX power): accepted and reported. */
        CLAMPED,
        /** Rounded up to the chip's bandwidth step once the radio is on: accepted. */
        QUANTISED,
        /** Outside the tolerance: the configuration is refused. */
        MISMATCH;

        public boolean accepted() {
            return this != MISMATCH;
        }
    }

    /** One line: {@code bandwidth: asked 100 kHz, device 125 kHz (quantised ...)}. */
    public String describe() {
        return field + ": asked " + asked + ", device reports " + reported
                + (verdict == Verdict.OK ? "" : " (" + verdict.name().toLowerCase(java.util.Locale.ROOT)
                        + (note.isEmpty() ? "" : ": " + note) + ")");
    }
}
