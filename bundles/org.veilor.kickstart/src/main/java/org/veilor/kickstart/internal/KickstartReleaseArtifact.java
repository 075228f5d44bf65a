package org.veilor.kickstart.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;
import org.veilor.kickstart.KickstartService;
import org.veilor.kickstart.RenderedKickstart;

/**
 * Writes {@code kickstart/install.ks} into a release, only when it validates. When the kickstart
 * configuration is invalid the release fails with a finding saying so, rather than leaving the
 * file out silently.
 */
@Component(service = ReleaseArtifact.class, name = "org.veilor.kickstart.release")
public class KickstartReleaseArtifact implements ReleaseArtifact {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile KickstartService kickstart;

    public KickstartReleaseArtifact() {
    }

    KickstartReleaseArtifact(KickstartService kickstart) {
        this.kickstart = kickstart;
    }

    @Override
    public String name() {
        return "kickstart";
    }

    @Override
    public List<Finding> produce(Path releaseDir, Progress progress) throws IOException {
        KickstartService ks = kickstart;
        if (ks == null) {
            return List.of(Finding.error("kickstart.not-active",
                    "the kickstart component is not active: its configuration (PID org.veilor.kickstart) is invalid, see veilor:status",
                    "org.veilor.kickstart"));
        }
        RenderedKickstart r = ks.render();
        List<Finding> findings = new ArrayList<>(r.findings());
        if (!r.ok()) {
            findings.add(Finding.error("kickstart.invalid", "install.ks does not validate, so it was not written", "kickstart"));
            return findings;
        }
        Path dir = Files.createDirectories(releaseDir.resolve("kickstart"));
        Path tmp = Files.createTempFile(dir, ".install.ks", ".tmp");
        Files.writeString(tmp, r.text(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(KickstartService.INSTALL_KS), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        progress.line("[kickstart] wrote kickstart/install.ks (" + r.text().lines().count() + " lines, "
                + r.findings().size() + " finding(s))");
        return findings;
    }
}
