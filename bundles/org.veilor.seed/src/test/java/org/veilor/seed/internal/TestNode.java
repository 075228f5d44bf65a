package org.veilor.seed.internal;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.servlet.DispatcherType;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.h2.jdbcx.JdbcDataSource;
import org.veilor.core.LocalHost;
import org.veilor.testsupport.FreePorts;

/**
 * A real seed node in the test JVM: a {@link SeedNode} over its own host root and H2 database, its
 * transport and gateway servlets on Jetty 9.4 (the Jetty Karaf's HTTP service runs) on a loopback
 * port, and {@link Faults} in front of its blob endpoint.
 */
final class TestNode implements AutoCloseable {

    final String name;
    final Path hostRoot;
    final LocalHost host;
    final DataSource db;
    final int port;
    final Faults faults = new Faults();
    final Clock clock;
    volatile SeedNode node;
    private final Server server;

    private TestNode(String name, Path hostRoot, DataSource db, int port, Clock clock) throws Exception {
        this.name = name;
        this.hostRoot = hostRoot;
        this.host = new LocalHost(hostRoot, List.of(Path.of("/usr/bin"), Path.of("/bin")));
        this.db = db;
        this.port = port;
        this.clock = clock;
        this.server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(port);
        server.addConnector(c);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        ctx.addServlet(new ServletHolder(new TransportServlet(() -> node)), HttpBlobTransport.PREFIX + "/*");
        ctx.addServlet(new ServletHolder(new GatewayServlet(() -> node)), "/seed/*");
        ctx.addFilter(new FilterHolder(faults), HttpBlobTransport.PREFIX + "/blob/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(ctx);
    }

    /** A node with its own folder under {@code dir} and a fresh in-memory database. */
    static TestNode create(Path dir, String name) throws Exception {
        return create(dir, name, h2("seed-" + name + "-" + UUID.randomUUID()), FreePorts.next(), Clock.systemUTC());
    }

    static TestNode create(Path dir, String name, DataSource db, int port, Clock clock) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        return new TestNode(name, root, db, port, clock);
    }

    static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** A database in a file, which outlives the process (the crash tests restart over it). */
    static DataSource h2File(Path file) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        return ds;
    }

    /** Starts the node with the given settings overrides (the OCD defaults otherwise) and its server. */
    TestNode start(Map<String, Object> overrides) throws Exception {
        node = new SeedNode(settings(overrides), host, db, List::of, clock);
        if (!server.isStarted()) {
            server.start();
        }
        return this;
    }

    SeedSettings settings(Map<String, Object> overrides) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("storeFolder", "/store", "transportPort", port,
                "stableSeconds", 1, "requestTimeoutSeconds", 10));
        m.putAll(overrides);
        return SeedSettings.validate(Configs.of(SeedConfig.class, m));
    }

    /** Follows a service; with a folder (created under the host root) it is an origin. */
    ServiceSettings follow(String service, String folder, Map<String, Object> more) throws IOException {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("name", service));
        if (folder != null) {
            Files.createDirectories(host.resolve(folder));
            m.put("watchedFolder", folder);
        }
        m.putAll(more);
        ServiceSettings s = ServiceSettings.validate("org.veilor.seed.service~" + name + "-" + service,
                Configs.of(ServiceConfig.class, m), host);
        node.addService(s);
        return s;
    }

    /** Stops the node (threads, watchers, pulls), keeping its store and database: a restart follows. */
    void stopNode() {
        node.close();
    }

    String peer() {
        return "127.0.0.1:" + port;
    }

    /** GET on the gateway. */
    HttpURLConnection get(String service, String name, String range) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/seed/" + service + "/" + name)
                .openConnection();
        c.setConnectTimeout(30_000);
        c.setReadTimeout(60_000);
        if (range != null) {
            c.setRequestProperty("Range", range);
        }
        return c;
    }

    @Override
    public void close() throws Exception {
        if (node != null) {
            node.close();
        }
        server.stop();
    }

    static Duration patience() {
        return Duration.ofSeconds(60);
    }
}
