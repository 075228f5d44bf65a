package org.veilor.enrol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.EnrolmentState;
import org.veilor.enrol.Enrolments;
import org.veilor.enrol.MintAttempt;

/** The enrol commands over a mocked service: what they print, and their errors. */
class EnrolCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream saved;
    private final Enrolments service = mock(Enrolments.class);
    private final Instant t = Instant.parse("2026-07-01T10:00:00Z");
    private final Enrolment shown = new Enrolment(3, "9zabc", "alice", "webhook", EnrolmentState.SHOWN, 0, null, "17",
            "hskey-auth-AbCdEfGhIjKl-***", t.plusSeconds(86400), "SHA256:0123456789abcdef", "note1", null, 1, t, t, t, t);
    private final Enrolment waiting = new Enrolment(4, "9zdef", "bob", "manual", EnrolmentState.RECEIVED, 2, t.plusSeconds(20), null, null,
            null, null, null, "Headscale unreachable at http://hs", 1, t, null, null, null);

    @BeforeEach
    void capture() {
        saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(saved);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsStatesAndMaskedKeysOnly() throws Exception {
        when(service.list()).thenReturn(List.of(waiting, shown));
        ListCommand c = new ListCommand();
        c.enrolments = service;
        c.execute();
        String s = printed();
        assertTrue(s.contains("@alice") && s.contains("hskey-auth-AbCdEfGhIjKl-***") && s.contains("shown"), s);
        assertTrue(s.contains("received (try 3 at 2026-07-01 10:00:20 UTC)"), s);
        assertTrue(s.contains("Headscale unreachable at http://hs"), s);
        assertTrue(s.contains("2 enrolment(s)."), s);
        c.state = "nonsense";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().startsWith("--state nonsense is not one of"));
    }

    @Test
    void showPrintsStepsAndAttempts() throws Exception {
        when(service.find(3)).thenReturn(Optional.of(shown));
        when(service.attempts(3)).thenReturn(List.of(new MintAttempt(t.plusSeconds(86400), t, "reconciled", 1),
                new MintAttempt(t.plusSeconds(86401), t, "created", 0)));
        ShowCommand c = new ShowCommand();
        c.enrolments = service;
        c.id = "3";
        c.execute();
        String s = printed();
        assertTrue(s.contains("Enrolment 3: @alice (Misskey user 9zabc), via webhook, generation 1"), s);
        assertTrue(s.contains("fingerprint: SHA256:0123456789abcdef"), s);
        assertTrue(s.contains("reconciled") && s.contains("created") && s.contains("(1782986400000)"), s);
        c.id = "x";
        assertEquals("'x' is not an enrolment ID (a number; see enrol:list)", assertThrows(IllegalArgumentException.class, c::execute).getMessage());
    }

    @Test
    void withoutTheServiceCommandsSayWhatToConfigure() {
        RevokeCommand c = new RevokeCommand();
        c.id = "1";
        IllegalStateException e = assertThrows(IllegalStateException.class, c::execute);
        assertTrue(e.getMessage().startsWith("enrolment is not running: configure org.veilor.enrol"), e.getMessage());
        assertFalse(printed().contains("hskey"));
    }
}
