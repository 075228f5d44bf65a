package org.veilor.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.veilor.core.FileAttrs;
import org.veilor.core.Finding;
import org.veilor.core.Folders;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.contrib.BuildScript;
import org.veilor.core.contrib.Justfile;
import org.veilor.core.contrib.OsFile;

/**
 * Renders the BlueBuild repository tree: the image's own additions first, then every contribution in
 * order, merged; then files, units, justfiles, scripts, firewalld zones, the overlay, the node
 * runtime (distribution tarball and node profile), {@code cosign.pub}, the recipe and the workflow.
 * A conflict or a missing required input stops the render before anything is written.
 */
public final class TreeRenderer {

    static final String SYSTEMD_SYSTEM = "/usr/lib/systemd/system/";
    static final String SYSTEMD_USER = "/usr/lib/systemd/user/";
    /**
     * The signing key as the image ships it, read-only under /usr: the node agent (org.veilor.update)
     * checks that /etc/containers/policy.json requires this key for the image (/etc is the admin's).
     */
    public static final String SHIPPED_KEY = "/usr/share/veilor/cosign.pub";
    private static final Origin GENERATED = new Origin("org.veilor.image", "merged firewall entries and file owners");

    private TreeRenderer() {
    }

    /** Renders into {@code out}; returns the findings (errors mean no usable tree). */
    public static List<Finding> render(Path out, ImageSettings s, ContributionRegistry.Snapshot snapshot, boolean publicIso,
            ReleaseArtifact.Progress progress) throws IOException {
        List<Finding> findings = new ArrayList<>(snapshot.findings());
        if (!Files.isDirectory(s.nodeProfile().resolve("etc"))) {
            findings.add(Finding.error("image.node-profile", "the node profile " + s.nodeProfile()
                    + " has no etc/ folder; the image must carry the node profile (config/node)", s.nodeProfile().toString()));
        }
        byte[] policy = browserPolicy(s, findings);
        if (findings.stream().anyMatch(Finding::isError)) {
            return findings;
        }
        List<Contributed> all = new ArrayList<>();
        all.add(new Contributed(Origin.IMAGE, NodeRuntime.contribution(sshPort(s.nodeProfile()))));
        all.add(new Contributed(Origin.IMAGE, StrategyOverrides.contribution(s, policy)));
        all.addAll(snapshot.contributions());
        progress.line("[image] merging " + snapshot.contributions().size() + " contribution(s)");
        ContributionMerger.Result merged = ContributionMerger.merge(all);
        findings.addAll(merged.findings());
        MergedImage m = merged.image();
        FirewallRender.zoneFiles(m.zones()).forEach(f -> ContributionMerger.file(m, findings, GENERATED, f));
        String owners = FileModes.ownerLines(m.files());
        if (owners != null) {
            ContributionMerger.file(m, findings, GENERATED, OsFile.text(FileModes.TMPFILES, owners, FileAttrs.PUBLIC));
        }
        List<OverlayFile> overlay = overlayFiles(s.overlay());
        for (OverlayFile o : overlay) {
            String imagePath = "/" + o.rel();
            Placed<OsFile> had = m.files().get(imagePath);
            if (had != null && !java.util.Arrays.equals(had.value().content(), o.content())) {
                findings.add(ContributionMerger.conflictFinding(imagePath, "it is written with different content",
                        had.origin(), Origin.OVERLAY));
            }
        }
        if (findings.stream().anyMatch(Finding::isError)) {
            return findings;
        }
        TreeFolder.prepare(out);
        progress.line("[image] writing the tree to " + out);
        for (Placed<OsFile> p : m.files().values()) {
            OsFile f = p.value();
            TreeFolder.write(out, treePath(f.path()), f.content(), FileModes.treeMode(f));
        }
        for (Placed<Justfile> j : m.justfiles().values()) {
            TreeFolder.write(out, "files/justfiles/" + j.value().name(), j.value().content(), 0644);
        }
        List<String> scripts = new ArrayList<>();
        List<BuildScript> all2 = new ArrayList<>(m.scripts().stream().map(Placed::value).toList());
        BuildScript stock = FirewallRender.stockZoneScript(m.zones());
        if (stock != null) {
            all2.add(stock);
        }
        BuildScript modes = FileModes.modeScript(m.files());
        if (modes != null) {
            all2.add(modes);
        }
        for (BuildScript b : all2) {
            TreeFolder.write(out, "files/scripts/" + b.name(), b.content(), 0755);
            scripts.add(b.name());
        }
        if (overlay.isEmpty()) {
            findings.add(Finding.info("image.overlay", "no operator overlay at " + s.overlay()
                    + " (theme, KDE colour scheme, Plymouth, SDDM, fonts): the image keeps secureblue's look", s.overlay().toString()));
        }
        for (OverlayFile o : overlay) {
            TreeFolder.write(out, "files/overlay/" + o.rel(), o.content(), o.executable() ? 0755 : 0644);
        }
        copyProfile(s.nodeProfile(), out.resolve("files").resolve(NodeRuntime.PROFILE));
        findings.addAll(DistributionSource.prepare(s.distribution(), out.resolve("files").resolve(NodeRuntime.TARBALL), progress));
        findings.addAll(cosign(s, out));
        JsonNode recipe = RecipeBuilder.recipe(s, m, scripts, !overlay.isEmpty());
        TreeFolder.write(out, TreeFolder.RECIPE, RecipeBuilder.yaml(recipe), 0644);
        TreeFolder.write(out, Workflow.PATH, Workflow.render(s), 0644);
        TreeFolder.write(out, "README.md", Workflow.readme(s), 0644);
        progress.line("[image] rendered " + s.reference() + " with " + snapshot.contributions().size() + " contribution(s)");
        return findings;
    }

    /** Where a file of the image goes in the tree: units under files/systemd/, the rest under files/system/. */
    static String treePath(String imagePath) {
        if (imagePath.startsWith(SYSTEMD_SYSTEM)) {
            return "files/systemd/system/" + imagePath.substring(SYSTEMD_SYSTEM.length());
        }
        if (imagePath.startsWith(SYSTEMD_USER)) {
            return "files/systemd/user/" + imagePath.substring(SYSTEMD_USER.length());
        }
        return "files/system" + imagePath;
    }

    static int sshPort(Path profile) throws IOException {
        Path cfg = profile.resolve("etc/org.apache.karaf.shell.cfg");
        if (!Files.isRegularFile(cfg)) {
            return 8101;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(cfg, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String port = p.getProperty("sshPort", "8101").strip();
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IOException("sshPort in " + cfg + " is not a port: " + port);
        }
        return Integer.parseInt(port);
    }

    private static byte[] browserPolicy(ImageSettings s, List<Finding> findings) throws IOException {
        if (s.browserPolicy().isEmpty()) {
            return null;
        }
        Path p = s.browserPolicy().get();
        if (!Files.isRegularFile(p)) {
            findings.add(Finding.error("image.browser-policy", "the browser policy " + p + " does not exist", p.toString()));
            return null;
        }
        byte[] bytes = Files.readAllBytes(p);
        try {
            if (!new ObjectMapper().readTree(bytes).isObject()) {
                throw new IOException("not a JSON object");
            }
        } catch (IOException e) {
            findings.add(Finding.error("image.browser-policy", "the browser policy " + p
                    + " is not a JSON object of Chromium policies: " + e.getMessage(), p.toString()));
            return null;
        }
        return bytes;
    }

    private static List<Finding> cosign(ImageSettings s, Path out) throws IOException {
        Path key = s.cosignPublicKey();
        if (!Files.isRegularFile(key)) {
            // Reported by lint on the tree (warning, or error while publicIso is set).
            return List.of();
        }
        String text = Files.readString(key, StandardCharsets.UTF_8);
        if (!text.contains("-----BEGIN PUBLIC KEY-----")) {
            return List.of(Finding.error("image.cosign-pub", key + " is not a PEM public key (cosign.pub)", key.toString()));
        }
        TreeFolder.write(out, "cosign.pub", text, 0644);
        TreeFolder.write(out, treePath(SHIPPED_KEY), text, 0644);
        return List.of();
    }

    /** A file of the operator's overlay, read once: the conflict check and the tree see the same bytes. */
    private record OverlayFile(String rel, byte[] content, boolean executable) {
    }

    /**
     * The overlay's files (links to files read through), sorted. The operator may edit the overlay
     * while a render runs (an editor's backup file comes and goes): a file gone since the listing is
     * not in the render.
     */
    private static List<OverlayFile> overlayFiles(Path overlay) throws IOException {
        if (!Files.isDirectory(overlay)) {
            return List.of();
        }
        List<OverlayFile> out = new ArrayList<>();
        for (Folders.Entry e : Folders.walk(overlay)) {
            if (isFile(e)) {
                Optional<byte[]> content = Folders.ifPresent(e.path(), Files::readAllBytes);
                if (content.isPresent()) {
                    out.add(new OverlayFile(overlay.relativize(e.path()).toString().replace('\\', '/'), content.get(),
                            Files.isExecutable(e.path())));
                }
            }
        }
        return out;
    }

    /** Copies the node profile into the tree; a file gone since the listing is left out. */
    private static void copyProfile(Path profile, Path target) throws IOException {
        for (Folders.Entry e : Folders.walk(profile)) {
            if (isFile(e)) {
                Path t = target.resolve(profile.relativize(e.path()).toString());
                Files.createDirectories(t.getParent());
                Folders.ifPresent(e.path(), p -> Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
            }
        }
    }

    /** A regular file, or a link to one (copied as the file it names). */
    private static boolean isFile(Folders.Entry e) {
        return e.attributes().isRegularFile() || e.attributes().isSymbolicLink() && Files.isRegularFile(e.path());
    }
}
