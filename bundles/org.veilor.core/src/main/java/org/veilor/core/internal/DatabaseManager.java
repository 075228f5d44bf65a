package org.veilor.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Publication;

/**
 * Builds the instance's {@link DataSource} from its own OCD over the JDBC driver's
 * {@link DataSourceFactory} (no pax-jdbc-config files), pools it with HikariCP and registers it
 * with {@code veilor.db=default} once the driver named by the URL is present.
 */
// The service is published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.core.internal.DatabaseStatus", uses = DatabaseStatus.class)
// The instance DataSource (veilor.db=default) is registered by hand once its driver is there; declared
// for resolvers, so features whose bundles reference it (veilor-enrol, the seed index) resolve in karaf:verify.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=javax.sql.DataSource", uses = DataSource.class)
@Component(service = {}, configurationPid = DatabaseSettings.PID, name = DatabaseSettings.PID)
@Designate(ocd = DatabaseConfig.class)
public class DatabaseManager implements DatabaseStatus {

    private final Logger logger = LoggerFactory.getLogger(DatabaseManager.class);
    private final BundleContext context;
    private final ConfigRule<DatabaseConfig, DatabaseSettings> rule;
    private final Map<String, DataSourceFactory> factories = new ConcurrentHashMap<>();
    private DatabaseSettings settings;
    private HikariDataSource pool;
    private ServiceRegistration<DataSource> registration;
    private String state = "starting";
    private final Publication<DatabaseStatus> publication;

    @Activate
    public DatabaseManager(BundleContext context, @Reference ConfigStatus status, DatabaseConfig config) {
        this.context = context;
        this.rule = new ConfigRule<>(DatabaseSettings.PID, status, logger,
                c -> DatabaseSettings.validate(c, Framework.properties(context)));
        synchronized (this) {
            this.settings = rule.activate(config);
            publish();
        }
        this.publication = Publication.publish(context, DatabaseStatus.class, this);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFactory(DataSourceFactory factory, Map<String, Object> props) {
        Object driver = props.get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS);
        if (driver != null) {
            factories.put(driver.toString(), factory);
            synchronized (this) {
                if (settings != null && registration == null) {
                    publish();
                }
            }
        }
    }

    void removeFactory(DataSourceFactory factory, Map<String, Object> props) {
        Object driver = props.get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS);
        if (driver != null && factories.remove(driver.toString(), factory)) {
            synchronized (this) {
                if (settings != null && settings.driverClass().equals(driver.toString())) {
                    unpublish();
                    state = "waiting for the JDBC driver " + driver;
                }
            }
        }
    }

    @Modified
    synchronized void modified(DatabaseConfig config) {
        rule.modified(config).ifPresent(s -> {
            if (!s.equals(settings)) {
                unpublish();
                settings = s;
                publish();
            }
        });
    }

    @Deactivate
    synchronized void deactivate() {
        publication.close();
        unpublish();
        rule.deactivated();
    }

    @Override
    public synchronized String describe() {
        return settings == null ? state : settings.displayUrl() + ": " + state;
    }

    private void publish() {
        DataSourceFactory factory = factories.get(settings.driverClass());
        if (factory == null) {
            state = "waiting for the JDBC driver " + settings.driverClass();
            return;
        }
        try {
            if (settings.h2Folder() != null) {
                Files.createDirectories(settings.h2Folder(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Properties props = new Properties();
            props.setProperty(DataSourceFactory.JDBC_URL, settings.url());
            props.setProperty(DataSourceFactory.JDBC_USER, settings.user());
            props.setProperty(DataSourceFactory.JDBC_PASSWORD, settings.password());
            DataSource raw = factory.createDataSource(props);
            HikariConfig hc = new HikariConfig();
            hc.setDataSource(raw);
            hc.setPoolName("veilor-db");
            hc.setMaximumPoolSize(settings.poolSize());
            hc.setMinimumIdle(1);
            hc.setConnectionTimeout(settings.connectionTimeoutSeconds() * 1000L);
            hc.setInitializationFailTimeout(-1);
            pool = new HikariDataSource(hc);
            Dictionary<String, Object> props2 = new Hashtable<>();
            props2.put("veilor.db", "default");
            props2.put("dataSourceName", "veilor");
            props2.put("url", settings.displayUrl());
            registration = context.registerService(DataSource.class, pool, props2);
            state = "available";
            logger.info("database {} available", settings.displayUrl());
        } catch (SQLException | IOException | RuntimeException e) {
            state = "failed: " + e.getMessage();
            logger.warn("{}: cannot open the database {}: {}", DatabaseSettings.PID, settings.displayUrl(), e.getMessage());
            logger.debug("database failure", e);
            closePool();
        }
    }

    private void unpublish() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already unregistered by the framework
            }
            registration = null;
        }
        closePool();
    }

    private void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
