package org.veilor.kickstart.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.veilor.core.LocalHost;

/** A {@link LocalHost} over a temporary root with the machine's PATH (plus /usr/sbin for mkfs tools). */
final class IsoBuilderTestHost {

    private IsoBuilderTestHost() {
    }

    static LocalHost host(Path dir) throws Exception {
        List<Path> search = new ArrayList<>();
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            search.add(Path.of(p));
        }
        search.add(Path.of("/usr/sbin"));
        return new LocalHost(dir.resolve("host-root"), search);
    }
}
