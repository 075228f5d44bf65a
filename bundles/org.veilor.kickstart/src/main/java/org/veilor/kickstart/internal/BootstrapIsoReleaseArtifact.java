package org.veilor.kickstart.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.veilor.core.Finding;
import org.veilor.core.Host;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseGates;
import org.veilor.kickstart.KickstartService;
import org.veilor.kickstart.RenderedKickstart;

/**
 * The bootstrap ISO as its own release artefact ({@code bootstrap-iso/veilor-bootstrap.iso} and its
 * SHA-256), separate from the OCI image. Built when a base ISO is configured; otherwise an info
 * finding says how to build one. A public ISO while the guest-ACL blocker is open fails the release.
 */
@Component(service = ReleaseArtifact.class, name = "org.veilor.kickstart.iso")
public class BootstrapIsoReleaseArtifact implements ReleaseArtifact {

    private final Host host;
    private final ReleaseGates gates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile KickstartService kickstart;

    @Activate
    public BootstrapIsoReleaseArtifact(@Reference Host host, @Reference ReleaseGates gates) {
        this.host = host;
        this.gates = gates;
    }

    BootstrapIsoReleaseArtifact(Host host, ReleaseGates gates, KickstartService kickstart) {
        this(host, gates);
        this.kickstart = kickstart;
    }

    @Override
    public String name() {
        return "bootstrap-iso";
    }

    @Override
    public List<Finding> produce(Path releaseDir, Progress progress) throws IOException {
        try {
            BootstrapIso.checkGate(gates);
        } catch (IsoException e) {
            return List.of(Finding.error("bootstrap-iso.public-iso-blocked", e.getMessage(), "org.veilor.core:publicIso"));
        }
        KickstartService ks = kickstart;
        if (ks == null) {
            return List.of(Finding.error("kickstart.not-active",
                    "the kickstart component is not active: its configuration (PID org.veilor.kickstart) is invalid, see veilor:status",
                    "org.veilor.kickstart"));
        }
        if (ks.baseIso().isEmpty()) {
            return List.of(Finding.info("bootstrap-iso.not-configured",
                    "no bootstrap ISO built: set baseIso in PID org.veilor.kickstart to a Fedora 43 netinstall ISO, or run"
                            + " kickstart:iso --base Fedora-Everything-netinst-x86_64-43.iso --out " + BootstrapIso.FILE,
                    "org.veilor.kickstart:baseIso"));
        }
        RenderedKickstart r = ks.render();
        Path dir = Files.createDirectories(releaseDir.resolve("bootstrap-iso"));
        Path out = dir.resolve(BootstrapIso.FILE);
        try {
            BootstrapIso.checkKickstart(r.text(), KickstartService.INSTALL_KS, gates.stage());
            IsoBuilder.Result result = new IsoBuilder(host).build(ks.baseIso().get(), out, ks.isoLabel(), r.text(), true,
                    line -> progress.line("[bootstrap-iso] " + line));
            Files.writeString(dir.resolve(BootstrapIso.FILE + ".sha256"), sha256(out) + "  " + BootstrapIso.FILE + "\n",
                    StandardCharsets.UTF_8);
            return List.of(Finding.info("bootstrap-iso.built", "built " + BootstrapIso.FILE + " from "
                    + ks.baseIso().get().getFileName() + " (volume id " + result.volumeId() + ", boot records "
                    + result.platforms() + ")", "bootstrap-iso/" + BootstrapIso.FILE));
        } catch (IsoException e) {
            return List.of(Finding.error("bootstrap-iso.refused", e.getMessage(), "org.veilor.kickstart:baseIso"));
        }
    }

    static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
