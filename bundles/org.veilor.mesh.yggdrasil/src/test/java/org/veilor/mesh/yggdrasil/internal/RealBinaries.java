package org.veilor.mesh.yggdrasil.internal;

import java.nio.file.Path;
import java.util.List;
import org.veilor.testsupport.YggdrasilDaemons;

/** The two real yggdrasil releases the tests run against (installed by scripts/test-setup.sh). */
final class RealBinaries {

    /** A real binary and the release it is. */
    record Binary(Path path, YggVersion version) {
        @Override
        public String toString() {
            return "yggdrasil " + version.text();
        }
    }

    /** Debian's build says "unknown"; its flags make it 0.4 (spec §1.1). */
    static final Binary V04 = new Binary(YggdrasilDaemons.V04, YggVersion.DIALECT_04);
    static final Binary V05 = new Binary(YggdrasilDaemons.V05, new YggVersion(0, 5, 12, true));
    static final List<Binary> BOTH = List.of(V04, V05);

    private RealBinaries() {
    }

    static List<Binary> both() {
        return BOTH;
    }
}
