package org.veilor.kickstart.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;

/**
 * xorriso and mtools through {@link Host}: argv lists only. xorriso's progress lines ("UPDATE")
 * are passed on; mtools runs with MTOOLS_SKIP_CHECK so El Torito FAT images with unusual geometry
 * are accepted.
 */
final class Tools {

    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Host host;

    Tools(Host host) {
        this.host = host;
    }

    /** Fails with a clear message when a tool is not installed. */
    void require(String executable, String debianPackage) throws IsoException {
        if (host.which(executable).isEmpty()) {
            throw new IsoException(executable + " is not installed (Debian package " + debianPackage + ")");
        }
    }

    String xorriso(List<String> args, Consumer<String> progress) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("xorriso");
        argv.addAll(args);
        ProcessSpec.Builder spec = ProcessSpec.of(argv).timeout(TIMEOUT).outputCap(8 << 20);
        if (progress != null) {
            spec.onLine(l -> {
                if (l.text().contains("UPDATE")) {
                    progress.accept(l.text().replace("xorriso : UPDATE :", "").strip());
                }
            });
        }
        ProcessResult r = host.run(spec.build());
        if (!r.ok()) {
            throw new IOException(r.describeFailure());
        }
        return r.stdout();
    }

    String mtools(String tool, Path image, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(tool, "-i", image.toString()));
        argv.addAll(List.of(args));
        ProcessResult r = host.run(ProcessSpec.of(argv).env("MTOOLS_SKIP_CHECK", "1").timeout(Duration.ofMinutes(2)).build());
        if (!r.ok()) {
            throw new IOException(r.describeFailure());
        }
        return r.stdout();
    }

    /** The grub.cfg files inside a FAT image, as mtools paths ({@code ::/EFI/BOOT/grub.cfg}). */
    List<String> grubConfigsIn(Path fatImage) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : mtools("mdir", fatImage, "-/", "-b", "::/").split("\n")) {
            String p = line.strip();
            if (p.toLowerCase(java.util.Locale.ROOT).endsWith("/grub.cfg")) {
                found.add(p);
            }
        }
        return found;
    }
}
