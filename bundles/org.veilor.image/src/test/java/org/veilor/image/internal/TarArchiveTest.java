package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/** Tarballs written here are read by GNU tar (as the image build does), and GNU tar's are read here. */
class TarArchiveTest {

    @TempDir
    Path dir;

    @Test
    void gnuTarReadsWhatWeWriteWithLongNamesAndModes() throws IOException {
        String longName = "veilor/system/org/apache/karaf/features/org.apache.karaf.features.core/4.4.10/"
                + "org.apache.karaf.features.core-4.4.10-and-a-rather-long-classifier.jar";
        Path tar = dir.resolve("t.tar.gz");
        try (var out = Files.newOutputStream(tar); TarArchive.Writer w = new TarArchive.Writer(out)) {
            w.folder("veilor/", 0755);
            byte[] script = "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8);
            w.file("veilor/bin/veilor", 0755, script.length, new ByteArrayInputStream(script));
            byte[] jar = new byte[70000];
            w.file(longName, 0644, jar.length, new ByteArrayInputStream(jar));
            w.finish();
        }
        LocalHost host = new LocalHost(dir.resolve("h"), List.of(Path.of("/usr/bin"), Path.of("/bin")));
        Path x = Files.createDirectories(dir.resolve("x"));
        ProcessResult r = host.run(ProcessSpec.of("tar", "-xzf", tar.toString(), "-C", x.toString()).timeout(Duration.ofSeconds(30)).build());
        assertTrue(r.ok(), r.stderr());
        assertTrue(Files.isExecutable(x.resolve("veilor/bin/veilor")));
        assertEquals(70000, Files.size(x.resolve(longName)));
        try (InputStream in = Files.newInputStream(tar)) {
            List<TarArchive.Entry> e = TarArchive.read(in, 100);
            assertEquals(List.of("veilor/", "veilor/bin/veilor", longName), e.stream().map(TarArchive.Entry::name).toList());
            assertEquals("#!/bin/sh\necho hi\n", new String(e.get(1).content(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsGnuTarsLongNames() throws IOException {
        Path src = dir.resolve("src");
        String deep = "top/" + "a-very-long-folder-name/".repeat(8) + "file-with-a-long-name.txt";
        TestTrees.write(src.resolve(deep), "content\n");
        Path tar = dir.resolve("gnu.tar.gz");
        LocalHost host = new LocalHost(dir.resolve("h"), List.of(Path.of("/usr/bin"), Path.of("/bin")));
        assertTrue(host.run(ProcessSpec.of("tar", "--format=gnu", "-czf", tar.toString(), "-C", src.toString(), "top").build()).ok());
        try (InputStream in = Files.newInputStream(tar)) {
            assertTrue(TarArchive.read(in, 1000).stream().anyMatch(e -> e.name().equals(deep)
                    && "content\n".equals(new String(e.content(), StandardCharsets.UTF_8))));
        }
        Path pax = dir.resolve("pax.tar.gz");
        assertTrue(host.run(ProcessSpec.of("tar", "--format=pax", "-czf", pax.toString(), "-C", src.toString(), "top").build()).ok());
        try (InputStream in = Files.newInputStream(pax)) {
            assertTrue(TarArchive.read(in, 1000).stream().anyMatch(e -> e.name().equals(deep)));
        }
    }
}
