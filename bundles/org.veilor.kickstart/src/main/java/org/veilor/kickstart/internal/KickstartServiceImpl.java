package org.veilor.kickstart.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Publication;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.KickstartService;
import org.veilor.kickstart.KickstartValidator;
import org.veilor.kickstart.RenderedKickstart;

/**
 * The {@link KickstartService}: thin DS glue over {@link KickstartSettings} and
 * {@link InstallKsWriter}, published only once its configuration is valid (see {@link Publication}).
 */
// The service is published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.kickstart.KickstartService",
        uses = KickstartService.class)
@Component(service = {}, configurationPid = KickstartSettings.PID, name = KickstartSettings.PID)
@Designate(ocd = KickstartConfig.class)
public class KickstartServiceImpl implements KickstartService {

    private final Logger logger = LoggerFactory.getLogger(KickstartServiceImpl.class);
    private final ConfigRule<KickstartConfig, KickstartSettings> rule;
    private final ReleaseGates gates;
    private final String producer;
    private volatile KickstartSettings settings;
    private final Publication<KickstartService> publication;

    @Activate
    public KickstartServiceImpl(BundleContext context, @Reference ConfigStatus status, @Reference ReleaseGates gates,
            KickstartConfig config) {
        this.rule = new ConfigRule<>(KickstartSettings.PID, status, logger, KickstartSettings::validate);
        this.gates = gates;
        this.producer = context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion();
        this.settings = rule.activate(config);
        this.publication = Publication.publish(context, KickstartService.class, this);
    }

    @Modified
    void modified(KickstartConfig config) {
        rule.modified(config).ifPresent(s -> settings = s);
    }

    @Deactivate
    void deactivate() {
        publication.close();
        rule.deactivated();
    }

    @Override
    public RenderedKickstart render() throws IOException {
        return render(settings, gates.stage(), producer);
    }

    /** Renders and validates; shared with tests. */
    static RenderedKickstart render(KickstartSettings s, ReleaseStage stage, String producer) throws IOException {
        String partitioning = null;
        Optional<Path> file = s.partitioningFile();
        if (file.isPresent()) {
            partitioning = Files.readString(file.get(), StandardCharsets.UTF_8);
        }
        String text = InstallKsWriter.write(s, partitioning, stage, producer);
        return new RenderedKickstart(text,
                KickstartValidator.validate(text, INSTALL_KS, KickstartValidator.Options.strategy(stage)));
    }

    @Override
    public Optional<Path> baseIso() {
        return settings.baseIso();
    }

    @Override
    public Optional<String> isoLabel() {
        return settings.isoLabel();
    }
}
