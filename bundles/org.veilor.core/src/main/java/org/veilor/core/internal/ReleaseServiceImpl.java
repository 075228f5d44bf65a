package org.veilor.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseGates;

/** Tracks release artefacts as they come and go and runs them on request. */
@Component(service = ReleaseService.class, name = "org.veilor.core.releaserunner")
public class ReleaseServiceImpl implements ReleaseService {

    private final List<ReleaseArtifact> artifacts = new CopyOnWriteArrayList<>();
    private final ReleaseGates gates;
    private final Path base;

    @Activate
    public ReleaseServiceImpl(BundleContext context, @Reference ReleaseGates gates) {
        this.gates = gates;
        String karafBase = Framework.properties(context).apply("karaf.base");
        this.base = Path.of(karafBase == null ? "." : karafBase).toAbsolutePath().normalize();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addArtifact(ReleaseArtifact artifact) {
        artifacts.add(artifact);
    }

    void removeArtifact(ReleaseArtifact artifact) {
        artifacts.remove(artifact);
    }

    @Override
    public Path defaultFolder() {
        return base.resolve("release").resolve(gates.stage().label());
    }

    @Override
    public List<String> artifactNames() {
        return artifacts.stream().map(ReleaseArtifact::name).sorted().toList();
    }

    @Override
    public ReleaseReport release(Path folder, ReleaseArtifact.Progress progress) throws IOException {
        return ReleaseRunner.run(List.copyOf(artifacts), folder, gates.stage(), progress);
    }
}
