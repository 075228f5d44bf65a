package org.veilor.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.AtomicOutput;
import org.veilor.core.ConfigException;
import org.veilor.core.ConfigRule;
import org.veilor.core.ConfigStatus;
import org.veilor.core.FileAttrs;
import org.veilor.core.Host;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.core.Publication;

/**
 * The {@link Host} service: thin DS glue over a {@link LocalHost} rebuilt on each valid change,
 * published only once its configuration is valid (see {@link Publication}).
 */
// The service is published from the constructor (see Publication); declared here for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.veilor.core.Host", uses = Host.class)
@Component(service = {}, configurationPid = HostSettings.PID, name = "org.veilor.core.host")
public class HostService implements Host {

    private final Logger logger = LoggerFactory.getLogger(HostService.class);
    private final ConfigRule<CoreConfig, HostSettings> rule;
    private volatile LocalHost delegate;
    private final Publication<Host> publication;

    @Activate
    public HostService(BundleContext context, @Reference ConfigStatus status, CoreConfig config) {
        this.rule = new ConfigRule<>("org.veilor.core.host", HostSettings.PID, status, logger,
                c -> HostSettings.validate(c, Framework.properties(context), System.getenv()));
        this.delegate = open(rule.activate(config));
        this.publication = Publication.publish(context, Host.class, this);
    }

    @Modified
    void modified(CoreConfig config) {
        rule.modified(config).ifPresent(s -> {
            if (!s.root().equals(delegate.root()) || !s.searchPath().equals(delegate.searchPath())) {
                delegate = open(s);
                logger.info("host root {} with search path {}", s.root(), s.searchPath());
            }
        });
    }

    @Deactivate
    void deactivate() {
        publication.close();
        rule.deactivated();
    }

    private static LocalHost open(HostSettings s) {
        try {
            return new LocalHost(s.root(), s.searchPath());
        } catch (IOException e) {
            throw new ConfigException(HostSettings.PID, "hostRoot", s.root(), "cannot create it: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ConfigException(HostSettings.PID, "hostRoot", s.root(), e.getMessage());
        }
    }

    @Override
    public Path root() {
        return delegate.root();
    }

    @Override
    public Path resolve(String hostPath) throws IOException {
        return delegate.resolve(hostPath);
    }

    @Override
    public boolean exists(String hostPath) throws IOException {
        return delegate.exists(hostPath);
    }

    @Override
    public byte[] read(String hostPath) throws IOException {
        return delegate.read(hostPath);
    }

    @Override
    public String readString(String hostPath) throws IOException {
        return delegate.readString(hostPath);
    }

    @Override
    public InputStream openRead(String hostPath) throws IOException {
        return delegate.openRead(hostPath);
    }

    @Override
    public void writeAtomic(String hostPath, byte[] content, FileAttrs attrs) throws IOException {
        delegate.writeAtomic(hostPath, content, attrs);
    }

    @Override
    public AtomicOutput openAtomic(String hostPath, FileAttrs attrs) throws IOException {
        return delegate.openAtomic(hostPath, attrs);
    }

    @Override
    public void mkdirs(String hostPath, FileAttrs attrs) throws IOException {
        delegate.mkdirs(hostPath, attrs);
    }

    @Override
    public List<String> list(String hostPath) throws IOException {
        return delegate.list(hostPath);
    }

    @Override
    public boolean delete(String hostPath) throws IOException {
        return delegate.delete(hostPath);
    }

    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException {
        return delegate.run(spec);
    }

    @Override
    public Optional<Path> which(String executable) {
        return delegate.which(executable);
    }
}
