package org.veilor.headscale.internal;

import java.util.List;
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
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.HeadscaleUser;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.headscale.ServerVersion;
import org.veilor.headscale.StoredPolicy;

/**
 * The {@link HeadscaleClient} service on the operator: thin glue over {@link RestHeadscaleClient},
 * rebuilt in place when the server settings change, published only while they are valid (see
 * {@link Publication}: the enrolment bundle holds a mandatory reference to it).
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.headscale.HeadscaleClient", uses = HeadscaleClient.class)
@Component(service = {}, configurationPid = ClientSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        name = "org.veilor.headscale.client")
@Designate(ocd = HeadscaleConfig.class)
public class HeadscaleClientService implements HeadscaleClient {

    private final Logger logger = LoggerFactory.getLogger(HeadscaleClientService.class);
    private final ConfigRule<HeadscaleConfig, ClientSettings> rule;
    private final Publication<HeadscaleClient> publication;
    private volatile RestHeadscaleClient client;

    @Activate
    public HeadscaleClientService(BundleContext context, @Reference ConfigStatus status, HeadscaleConfig config) {
        this.rule = new ConfigRule<>("org.veilor.headscale.client", ClientSettings.PID, status, logger,
                c -> ClientSettings.validate(c, context::getProperty));
        ClientSettings settings = rule.activate(config);
        this.client = new RestHeadscaleClient(settings);
        logger.info("Headscale client for {} (API key from {})", settings.serverUrl(), settings.apiKeyFile());
        this.publication = Publication.publish(context, HeadscaleClient.class, this);
    }

    @Modified
    void modified(HeadscaleConfig config) {
        rule.modified(config).ifPresent(s -> client = new RestHeadscaleClient(s));
    }

    @Deactivate
    void deactivate() {
        publication.close();
        rule.deactivated();
    }

    @Override
    public String serverUrl() {
        return client.serverUrl();
    }

    @Override
    public ServerVersion serverVersion() {
        return client.serverVersion();
    }

    @Override
    public ServerVersion refreshVersion() {
        return client.refreshVersion();
    }

    @Override
    public boolean health() throws HeadscaleException {
        return client.health();
    }

    @Override
    public HeadscaleUser createUser(String name) throws HeadscaleException {
        return client.createUser(name);
    }

    @Override
    public List<HeadscaleUser> listUsers() throws HeadscaleException {
        return client.listUsers();
    }

    @Override
    public PreAuthKey createPreAuthKey(PreAuthKeyRequest request) throws HeadscaleException {
        return client.createPreAuthKey(request);
    }

    @Override
    public List<PreAuthKey> listPreAuthKeys() throws HeadscaleException {
        return client.listPreAuthKeys();
    }

    @Override
    public void expirePreAuthKey(PreAuthKey key) throws HeadscaleException {
        client.expirePreAuthKey(key);
    }

    @Override
    public List<HeadscaleNode> listNodes() throws HeadscaleException {
        return client.listNodes();
    }

    @Override
    public HeadscaleNode expireNode(String nodeId) throws HeadscaleException {
        return client.expireNode(nodeId);
    }

    @Override
    public void deleteNode(String nodeId) throws HeadscaleException {
        client.deleteNode(nodeId);
    }

    @Override
    public String getPolicy() throws HeadscaleException {
        return client.getPolicy();
    }

    @Override
    public void setPolicy(String hujson) throws HeadscaleException {
        client.setPolicy(hujson);
    }

    @Override
    public StoredPolicy readPolicy() throws HeadscaleException {
        return client.readPolicy();
    }

    @Override
    public StoredPolicy storePolicy(String hujson) throws HeadscaleException {
        return client.storePolicy(hujson);
    }
}
