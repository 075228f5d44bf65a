package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Publication;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.EnrolmentException;
import org.veilor.enrol.Enrolments;
import org.veilor.enrol.MintAttempt;
import org.veilor.headscale.HeadscaleClient;

/**
 * Enrolment on the operator: DS glue over an {@link EnrolmentEngine}, rebuilt when the
 * configuration changes. Once the configuration is valid it publishes {@link Enrolments} for the
 * commands and {@link EnrolmentHttp} for the servlets (see {@link Publication} and
 * {@link EnrolmentServlets}).
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.enrol.Enrolments", uses = Enrolments.class)
@Component(service = {}, configurationPid = EnrolSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, name = EnrolSettings.PID)
@Designate(ocd = EnrolConfig.class)
public class EnrolmentComponent implements Enrolments, EnrolmentHttp {

    private final Logger logger = LoggerFactory.getLogger(EnrolmentComponent.class);
    private final ConfigRule<EnrolConfig, EnrolSettings> rule;
    private final DataSource dataSource;
    private final HeadscaleClient headscale;
    private final String instanceId;
    private final Publication<EnrolmentHttp> http;
    private final Publication<Enrolments> publication;
    private volatile EnrolmentEngine engine;

    @Activate
    public EnrolmentComponent(BundleContext context, @Reference ConfigStatus status, @Reference HeadscaleClient headscale,
            @Reference(target = "(veilor.db=default)") DataSource dataSource, EnrolConfig config) throws IOException, SQLException {
        this.rule = new ConfigRule<>(EnrolSettings.PID, status, logger, c -> EnrolSettings.validate(c, context::getProperty));
        EnrolSettings settings = rule.activate(config);
        this.dataSource = dataSource;
        this.headscale = headscale;
        EnrolmentEngine.migrate(dataSource);
        this.instanceId = InstanceId.of(Path.of(context.getProperty("karaf.data")));
        this.engine = start(settings);
        this.http = Publication.publish(context, EnrolmentHttp.class, this);
        logger.info("enrolment ready: webhook {}{}, pages under {}/enrol/k/, Misskey {}", settings.publicUrl(), WebhookServlet.PATH,
                settings.publicUrl(), settings.misskeyUrl());
        this.publication = Publication.publish(context, Enrolments.class, this);
    }

    @Modified
    void modified(EnrolConfig config) {
        rule.modified(config).ifPresent(s -> {
            EnrolmentEngine old = engine;
            old.close();
            try {
                engine = start(s);
            } catch (IOException | SQLException e) {
                logger.warn("enrolment could not restart on the new configuration: {}", e.getMessage());
            }
        });
    }

    @Deactivate
    void deactivate() {
        publication.close();
        http.close();
        engine.close();
        rule.deactivated();
    }

    private EnrolmentEngine start(EnrolSettings settings) throws IOException, SQLException {
        EnrolmentEngine e = new EnrolmentEngine(dataSource, headscale, settings, instanceId, Clock.systemUTC());
        e.start();
        return e;
    }

    @Override
    public WebhookHandler webhook() {
        return engine.webhook();
    }

    @Override
    public PageHandler pages() {
        return engine.pages();
    }

    @Override
    public List<Enrolment> list() throws EnrolmentException {
        return engine.list();
    }

    @Override
    public Optional<Enrolment> find(long id) throws EnrolmentException {
        return engine.find(id);
    }

    @Override
    public List<MintAttempt> attempts(long id) throws EnrolmentException {
        return engine.attempts(id);
    }

    @Override
    public Enrolment mint(String username) throws EnrolmentException {
        return engine.mint(username);
    }

    @Override
    public List<String> revoke(long id) throws EnrolmentException {
        return engine.revoke(id);
    }

    @Override
    public Enrolment reissue(long id) throws EnrolmentException {
        return engine.reissue(id);
    }

    @Override
    public Enrolment retry(long id) throws EnrolmentException {
        return engine.retry(id);
    }
}
