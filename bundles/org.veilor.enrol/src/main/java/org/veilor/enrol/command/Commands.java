package org.veilor.enrol.command;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.Enrolments;

/** What the enrol commands share: the "not configured" message and formatting. */
final class Commands {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Commands() {
    }

    static Enrolments enrolments(Enrolments service) {
        if (service == null) {
            throw new IllegalStateException("enrolment is not running: configure org.veilor.enrol (config:meta org.veilor.enrol lists "
                    + "its keys) and org.veilor.headscale; veilor:status shows why a component is not active");
        }
        return service;
    }

    static long id(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("'" + text + "' is not an enrolment ID (a number; see enrol:list)");
    }

    static String date(Instant t) {
        return t == null ? "" : DATE.format(t);
    }

    /** The state, with what is pending or why it is stuck. */
    static String state(Enrolment e, Instant now) {
        String s = e.state().dbName();
        if (e.state().pending() && e.attempts() > 0) {
            s += " (try " + (e.attempts() + 1) + " at " + date(e.nextAttemptAt()) + ")";
        }
        if (e.keyExpiredAt(now) && (e.state().name().equals("DELIVERED") || e.state().name().equals("MINTED"))) {
            s += ", key expired";
        }
        return s;
    }
}
