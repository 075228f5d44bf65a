package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;

class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void theStateRoundTripsPrivately() throws Exception {
        StateStore store = new StateStore(new LocalHost(dir, List.of()), "/var/lib/veilor/update/state.json");
        assertEquals(UpdateState.empty(), store.load());
        UpdateState s = UpdateState.empty().withHealthy("sha256:a").withWatching(new UpdateState.Watching("sha256:b", "43.1",
                "boot-1", Instant.parse("2026-01-12T10:00:00Z"))).withBad(new UpdateState.Bad("sha256:c", null,
                        Instant.parse("2026-01-11T10:00:00Z"), "health", "not healthy", "done"));
        store.save(s);
        assertEquals(s, store.load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("var/lib/veilor/update/state.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("var/lib/veilor/update"))));
        for (int i = 0; i < 20; i++) {
            s = s.withHealthy("sha256:h" + i);
        }
        assertEquals(UpdateState.KEEP, s.healthy().size());
        assertEquals("sha256:h19", s.healthy().get(UpdateState.KEEP - 1));
    }

    @Test
    void anUnreadableStateIsReportedAndLeftAlone() throws Exception {
        Path f = dir.resolve("var/lib/veilor/update/state.json");
        Files.createDirectories(f.getParent());
        for (String bad : List.of("{\"healthy\": [", "[]", "{\"bad\":[{\"digest\":\"sha256:x\",\"at\":\"yesterday\"}]}")) {
            Files.writeString(f, bad);
            StateStore store = new StateStore(new LocalHost(dir, List.of()), "/var/lib/veilor/update/state.json");
            IOException e = assertThrows(IOException.class, store::load);
            assertTrue(e.getMessage().startsWith("the update state /var/lib/veilor/update/state.json cannot be read ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("the agent does nothing automatic until it is fixed or removed"), e.getMessage());
            assertEquals(bad, Files.readString(f));
        }
    }
}
