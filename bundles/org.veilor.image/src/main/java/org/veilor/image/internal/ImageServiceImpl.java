package org.veilor.image.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Finding;
import org.veilor.core.Host;
import org.veilor.core.Publication;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseGates;
import org.veilor.core.contrib.OsContribution;
import org.veilor.image.OsImage;

/**
 * The image component (PID {@code org.veilor.image}): thin DS glue. It collects every
 * {@link OsContribution} as it comes and goes, and publishes, once its configuration is valid, the
 * {@code image} release artefact, the image commands' service and the image coordinates.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.image.OsImage", uses = OsImage.class)
@Component(service = {}, configurationPid = ImageSettings.PID, name = ImageSettings.PID)
@Designate(ocd = ImageConfig.class)
public class ImageServiceImpl implements ImageService, OsImage {

    private final Logger logger = LoggerFactory.getLogger(ImageServiceImpl.class);
    private final ContributionRegistry registry = new ContributionRegistry();
    private final ConfigRule<ImageConfig, ImageSettings> rule;
    private final ImageWork work;
    private volatile ImageSettings settings;
    private final List<Publication<?>> publications;

    @Activate
    public ImageServiceImpl(BundleContext context, @Reference ConfigStatus status, @Reference Host host,
            @Reference ReleaseGates gates, ImageConfig config) {
        this.rule = new ConfigRule<>(ImageSettings.PID, status, logger,
                c -> ImageSettings.validate(c, name -> property(context, name)));
        this.settings = rule.activate(config);
        this.work = new ImageWork(host, gates, registry, () -> settings);
        this.publications = List.of(
                Publication.publish(context, ImageService.class, this),
                Publication.publish(context, OsImage.class, this),
                Publication.publish(context, ReleaseArtifact.class, work.artifact(), Map.of("veilor.artifact", "image")));
    }

    @Modified
    void modified(ImageConfig config) {
        rule.modified(config).ifPresent(s -> {
            if (!s.reference().equals(settings.reference())) {
                logger.info("veilor-os image is now {}", s.reference());
            }
            settings = s;
        });
    }

    @Deactivate
    void deactivate() {
        publications.forEach(Publication::close);
        rule.deactivated();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addContribution(OsContribution contribution, ServiceReference<OsContribution> ref) {
        registry.add(contribution, ref.getBundle() == null ? null : ref.getBundle().getSymbolicName());
    }

    void removeContribution(OsContribution contribution) {
        registry.remove(contribution);
    }

    private static String property(BundleContext context, String name) {
        String v = context.getProperty(name);
        return v != null ? v : System.getProperty(name);
    }

    @Override
    public ImageSettings settings() {
        return settings;
    }

    @Override
    public List<Contributed> contributions() {
        return registry.snapshot().contributions();
    }

    @Override
    public List<Finding> render(Path out, ReleaseArtifact.Progress progress) throws IOException {
        return work.renderAndLint(out, progress);
    }

    @Override
    public List<Finding> lint(Path tree) throws IOException {
        return work.lint(tree);
    }

    @Override
    public BuildOutcome build(Path out, boolean push, ReleaseArtifact.Progress progress) throws IOException {
        return work.build(out, push, progress);
    }

    @Override
    public String repository() {
        return settings.repository();
    }

    @Override
    public String reference() {
        return settings.reference();
    }

    @Override
    public int fedoraMajor() {
        return settings.fedoraMajor();
    }
}
