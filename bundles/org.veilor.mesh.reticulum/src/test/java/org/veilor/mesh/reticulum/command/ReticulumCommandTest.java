package org.veilor.mesh.reticulum.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.veilor.mesh.reticulum.internal.ReticulumControl;
import org.veilor.mesh.reticulum.internal.RetinetSource;
import org.veilor.rnode.FieldCheck;

/** mesh:reticulum's output and errors, with the control as a stand-in (its behaviour has its own tests). */
class ReticulumCommandTest {

    private final ReticulumControl control = mock(ReticulumControl.class);

    private String run(String action, boolean write) throws Exception {
        ReticulumCommand c = new ReticulumCommand();
        c.control = control;
        c.action = action;
        c.write = write;
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            c.execute();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void startAndStopShowEachStep() throws Exception {
        doAnswer(inv -> {
            Consumer<String> p = inv.getArgument(0);
            p.accept("handed /dev/ttyUSB0 over to rnsd");
            p.accept("started rnsd.service");
            return null;
        }).when(control).start(any(Consumer.class));
        assertEquals("Starting rnsd...\n  handed /dev/ttyUSB0 over to rnsd\n  started rnsd.service\n"
                + "rnsd runs; mesh:status shows L3c and floor (iii)\n", run("start", false));
    }

    @Test
    void sourcePrintsKeyValueLinesForTheRecipe() throws Exception {
        when(control.source()).thenReturn(new RetinetSource("https://git.example.org/r", "v1", "", ""));
        assertEquals("retinet.repository=https://git.example.org/r\nretinet.version=v1\nsideband.repository=\nsideband.version=\n",
                run("source", false));
    }

    @Test
    void checkRadioShowsEveryFieldAndFailsOnAMismatch() throws Exception {
        when(control.checkRadio()).thenReturn(List.of(
                new FieldCheck("frequency", "869525000 Hz", "869525000 Hz", FieldCheck.Verdict.OK, ""),
                new FieldCheck("txPower", "22 dBm", "17 dBm", FieldCheck.Verdict.CLAMPED, "the modem's maximum"),
                new FieldCheck("spreadingFactor", "8", "12", FieldCheck.Verdict.MISMATCH, "")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run("check-radio", false));
        assertEquals("1 field(s) of the RNode do not match its configuration: spreadingFactor: asked 8, device reports 12 (mismatch)",
                e.getMessage());
        when(control.checkRadio()).thenReturn(List.of(
                new FieldCheck("txPower", "22 dBm", "17 dBm", FieldCheck.Verdict.CLAMPED, "the modem's maximum")));
        String ok = run("check-radio", false);
        assertTrue(ok.matches("(?s).*txPower\\s*\\|\\s*22 dBm\\s*\\|\\s*17 dBm\\s*\\|\\s*clamped\\s*\\|\\s*the modem's maximum.*"), ok);
        assertTrue(ok.endsWith("The RNode holds its configuration: rnsd may be started on it (mesh:reticulum start).\n"), ok);
    }

    @Test
    void configPrintsOrWrites() throws Exception {
        when(control.render()).thenReturn("[reticulum]\n");
        when(control.writeConfig()).thenReturn("/var/lib/reticulum/config");
        assertEquals("[reticulum]\n", run("config", false));
        assertEquals("wrote /var/lib/reticulum/config\n", run("config", true));
    }

    @Test
    void statusIsALabelledTable() throws Exception {
        when(control.statusRows()).thenReturn(List.of(new String[] { "rnsd", "inactive (dead), unit disabled" },
                new String[] { "floor (iii)", "does not hold: L3c is disabled" }));
        String out = run("status", false);
        assertTrue(out.matches("(?s)rnsd\\s+\\|\\s*inactive \\(dead\\), unit disabled\\s*\nfloor \\(iii\\)\\s*\\|\\s*does not hold.*"), out);
    }

    @Test
    void withoutTheLayerOrWithAnUnknownActionItFailsClearly() throws Exception {
        ReticulumCommand c = new ReticulumCommand();
        IllegalStateException e = assertThrows(IllegalStateException.class, c::execute);
        assertTrue(e.getMessage().startsWith("the L3c layer is not configured on this instance (PID org.veilor.mesh.reticulum)"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> run("restart", false));
        assertEquals("unknown action 'restart': use status, start, stop, config, check-radio or source", bad.getMessage());
    }
}
