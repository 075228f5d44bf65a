package org.veilor.image.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.veilor.core.Finding;
import org.veilor.core.Host;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseGates;
import org.veilor.image.internal.lint.ImageLinter;
import org.veilor.image.internal.lint.LintExpectations;

/**
 * Render, lint and build, over plain collaborators (tested without OSGi): the tree is rendered from a
 * fresh snapshot of the contributions, then linted, as {@code veilor:release} does through the
 * {@code image} artefact; {@code bluebuild} runs through {@link Host} when it is installed.
 */
public final class ImageWork {

    private final Host host;
    private final ReleaseGates gates;
    private final ContributionRegistry registry;
    private final Supplier<ImageSettings> settings;
    private final ImageLinter linter = new ImageLinter();

    public ImageWork(Host host, ReleaseGates gates, ContributionRegistry registry, Supplier<ImageSettings> settings) {
        this.host = host;
        this.gates = gates;
        this.registry = registry;
        this.settings = settings;
    }

    /** The {@code image} release artefact: the tree in {@code <release>/image/}, linted. */
    public ReleaseArtifact artifact() {
        return new ReleaseArtifact() {
            @Override
            public String name() {
                return "image";
            }

            @Override
            public List<Finding> produce(Path releaseDir, Progress progress) throws IOException {
                return renderAndLint(releaseDir.resolve("image"), progress);
            }
        };
    }

    public List<Finding> renderAndLint(Path out, ReleaseArtifact.Progress progress) throws IOException {
        ImageSettings s = settings.get();
        List<Finding> findings = new ArrayList<>(TreeRenderer.render(out, s, registry.snapshot(), gates.publicIso(), progress));
        if (findings.stream().anyMatch(Finding::isError)) {
            return findings;
        }
        progress.line("[image] linting " + out);
        findings.addAll(lint(out));
        return findings;
    }

    public List<Finding> lint(Path tree) throws IOException {
        ImageSettings s = settings.get();
        return linter.lint(tree, new LintExpectations(s.restoreSudo(), s.restoreXwayland(), gates.publicIso()), host);
    }

    public ImageService.BuildOutcome build(Path out, boolean push, ReleaseArtifact.Progress progress) throws IOException {
        List<Finding> findings = renderAndLint(out, progress);
        if (findings.stream().anyMatch(Finding::isError)) {
            return new ImageService.BuildOutcome(findings, false, "the tree at " + out + " has errors; not building");
        }
        Optional<Path> bluebuild = host.which("bluebuild");
        if (bluebuild.isEmpty()) {
            return new ImageService.BuildOutcome(findings, false, "bluebuild is not installed; the tree is at " + out
                    + " (push it to the image repository, whose workflow builds, signs and publishes it)");
        }
        List<String> argv = new ArrayList<>(List.of("bluebuild", "build"));
        if (push) {
            argv.add("--push");
        }
        argv.add(TreeFolder.RECIPE);
        progress.line("[image] bluebuild " + String.join(" ", argv.subList(1, argv.size())) + " in " + out);
        ProcessResult r = host.run(ProcessSpec.of(argv).workingDir(out.toString())
                .timeout(Duration.ofMinutes(settings.get().buildTimeoutMinutes()))
                .onLine(line -> progress.line("[bluebuild] " + line.text())).build());
        if (!r.ok()) {
            throw new IOException("bluebuild failed: " + r.describeFailure() + " (tree at " + out + ")");
        }
        return new ImageService.BuildOutcome(findings, true, "bluebuild built " + settings.get().reference()
                + (push ? " and pushed it" : " locally") + " from " + out);
    }
}
