package org.veilor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.core.StatusSummary;

class StatusSummariesTest {

    @Test
    void summariesAreSortedOneLineAndAFailingOneDoesNotBreakTheStatus() {
        StatusSummary update = summary("update", "booted ghcr.io/veilor/veilor-os:43\nsecond line");
        StatusSummary broken = new StatusSummary() {
            @Override
            public String label() {
                return "broken";
            }

            @Override
            public String summary() {
                throw new IllegalStateException("no cached state");
            }
        };
        List<StatusReport.Summary> out = StatusService.summaries(List.of(update, summary("mesh", "ok"), broken));
        assertEquals(3, out.size());
        assertEquals(List.of("broken", "mesh", "update"), out.stream().map(StatusReport.Summary::label).toList());
        assertEquals("(summary failed: no cached state)", out.get(0).line());
        assertEquals("booted ghcr.io/veilor/veilor-os:43 second line", out.get(2).line());
        assertEquals(List.of(), StatusService.summaries(null));
    }

    private static StatusSummary summary(String label, String line) {
        return new StatusSummary() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public String summary() {
                return line;
            }
        };
    }
}
