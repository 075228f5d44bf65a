package org.veilor.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.veilor.core.Finding;
import org.veilor.core.Folders;
import org.veilor.core.ReleaseArtifact;

/**
 * Where the veilor distribution the image carries comes from at release time.
 *
 * <p>By default it is the running operator's own distribution folder (Karaf home): the image then runs
 * exactly the build the operator runs, with every concern feature offline in {@code system/}. The
 * folder is packed into {@code files/veilor/veilor.tar.gz} under one top folder, root-owned and
 * zero-dated, leaving out instance state ({@code data/}, {@code instances/}, {@code lock}). A
 * folder that is also a running instance's base holds that instance's host key and client key in
 * {@code etc/}: it is refused, never packed. Alternatively {@code distribution} names a
 * {@code veilor-*.tar.gz} (the karaf-assembly artefact), which is checked and copied.
 */
public final class DistributionSource {

    static final String CODE = "image.distribution";
    /** Instance state: present in a folder used as a running base, never in a distribution. */
    static final List<String> STATE_FILES = List.of("etc/host.key", "etc/veilor-local_rsa", "etc/veilor-profile");
    private static final Set<String> LEFT_OUT = Set.of("data", "instances", "lock");
    private static final List<String> REQUIRED = List.of("bin/veilor", "bin/karaf", "etc/config.properties", "system/");
    private static final String TOP = "veilor/";

    private DistributionSource() {
    }

    private static boolean leftOut(Path source, Path p) {
        return !p.equals(source) && LEFT_OUT.contains(source.relativize(p).getName(0).toString());
    }

    /** Writes the tarball to {@code target}; returns findings (errors when there is no usable distribution). */
    static List<Finding> prepare(Path source, Path target, ReleaseArtifact.Progress progress) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.isDirectory(source)) {
            for (String state : STATE_FILES) {
                if (Files.exists(source.resolve(state), LinkOption.NOFOLLOW_LINKS)) {
                    return List.of(Finding.error(CODE, "the distribution folder " + source + " is also an instance base: it holds "
                            + state + " (instance keys and state must never enter the image). Run the operator with a separate"
                            + " base (bin/veilor does) or set distribution to a veilor-*.tar.gz", source.toString()));
                }
            }
            for (String r : REQUIRED) {
                if (!Files.exists(source.resolve(r))) {
                    return List.of(Finding.error(CODE, source + " is not a veilor distribution: it has no " + r, source.toString()));
                }
            }
            progress.line("[image] packing the veilor distribution " + source);
            pack(source, target);
            return List.of(Finding.info(CODE, "packed the veilor distribution " + source + " (" + Files.size(target) / (1 << 20)
                    + " MiB)", "files/" + NodeRuntime.TARBALL));
        }
        if (Files.isRegularFile(source)) {
            List<Finding> problems = check(source);
            if (problems.stream().anyMatch(Finding::isError)) {
                return problems;
            }
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            List<Finding> out = new ArrayList<>(problems);
            out.add(Finding.info(CODE, "copied the veilor distribution " + source, "files/" + NodeRuntime.TARBALL));
            return out;
        }
        return List.of(Finding.error(CODE, "the veilor distribution " + source
                + " does not exist (configure distribution in org.veilor.image: a veilor-*.tar.gz or a distribution folder)",
                source.toString()));
    }

    /** Checks a tarball: one top folder, a veilor distribution inside, no instance state. */
    static List<Finding> check(Path tarball) throws IOException {
        List<TarArchive.Entry> entries;
        try (InputStream in = Files.newInputStream(tarball)) {
            entries = TarArchive.read(in, 0);
        } catch (IOException e) {
            return List.of(Finding.error(CODE, tarball + " is not a gzip'd tar archive: " + e.getMessage(), tarball.toString()));
        }
        String top = null;
        List<String> names = new ArrayList<>();
        for (TarArchive.Entry e : entries) {
            String name = e.name().startsWith("./") ? e.name().substring(2) : e.name();
            int slash = name.indexOf('/');
            String first = slash < 0 ? name : name.substring(0, slash);
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                return List.of(Finding.error(CODE, tarball + " must hold one top folder (found " + top + " and " + first + ")",
                        tarball.toString()));
            }
            names.add(slash < 0 ? "" : name.substring(slash + 1));
        }
        List<Finding> out = new ArrayList<>();
        for (String r : REQUIRED) {
            if (names.stream().noneMatch(n -> n.equals(r) || n.startsWith(r))) {
                out.add(Finding.error(CODE, tarball + " is not a veilor distribution: it has no " + r, tarball.toString()));
            }
        }
        for (String n : names) {
            // The assembly ships an empty data/tmp/ with a README; any other file under data/ or
            // instances/ is a run's state.
            boolean stateFolder = LEFT_OUT.contains(n.split("/")[0]) && !n.endsWith("/") && !n.equals("data/tmp/README");
            if (STATE_FILES.contains(n) || stateFolder) {
                out.add(Finding.error(CODE, tarball + " holds instance state (" + n + "); use a distribution, not an instance",
                        tarball.toString()));
                break;
            }
        }
        return out;
    }

    private static void pack(Path source, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Path spill = target.resolveSibling(target.getFileName() + ".file");
        try (OutputStream out = Files.newOutputStream(tmp); TarArchive.Writer tar = new TarArchive.Writer(out)) {
            tar.folder(TOP, 0755);
            // data/ and instances/ are a running instance's state, changing all the time: never read.
            // Anything else gone between the walk and its packing is left out.
            for (Folders.Entry e : Folders.walk(source, d -> !leftOut(source, d))) {
                Path p = e.path();
                if (p.equals(source) || leftOut(source, p)) {
                    continue;
                }
                String rel = TOP + source.relativize(p).toString().replace('\\', '/');
                if (e.attributes().isSymbolicLink()) {
                    Optional<Path> link = Folders.ifPresent(p, Files::readSymbolicLink);
                    if (link.isPresent()) {
                        tar.symlink(rel, link.get().toString(), 0777);
                    }
                } else if (e.attributes().isDirectory()) {
                    tar.folder(rel, 0755);
                } else if (e.attributes().isRegularFile()) {
                    // a file may be written (or go) meanwhile: only a steady copy enters the archive
                    Optional<SteadyRead.Content> steady = SteadyRead.read(p, spill);
                    if (steady.isPresent()) {
                        try (SteadyRead.Content c = steady.get(); InputStream in = c.open()) {
                            tar.file(rel, Files.isExecutable(p) ? 0755 : 0644, c.size(), in);
                        }
                    }
                }
            }
            tar.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spill);
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
