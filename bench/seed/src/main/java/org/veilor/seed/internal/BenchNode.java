package org.veilor.seed.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.h2.jdbcx.JdbcDataSource;
import org.veilor.core.LocalHost;

/**
 * A seed node as the benchmark runs it: its own host root and H2 database (PostgreSQL mode, as
 * the instance default), the transport and gateway servlets on Jetty 9.4 (the Jetty of Karaf's
 * HTTP service) on a loopback port, and optionally one extra servlet (the baseline download).
 * It sits in org.veilor.seed.internal to reach the node without going through OSGi.
 */
final class BenchNode implements AutoCloseable {

    final LocalHost host;
    final SeedNode node;
    final int port;
    private final Server server;

    BenchNode(Path root, String db, int port, Map<String, Object> overrides, String extraPath, HttpServlet extra) throws Exception {
        Files.createDirectories(root);
        this.host = new LocalHost(root, List.of(Path.of("/usr/bin"), Path.of("/bin")));
        this.port = port;
        Map<String, Object> m = new HashMap<>(Map.of("storeFolder", "/store", "transportPort", port, "stableSeconds", 1));
        m.putAll(overrides);
        this.node = new SeedNode(SeedSettings.validate(ocd(SeedConfig.class, m)), host, h2(db), List::of, Clock.systemUTC());
        this.server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(port);
        server.addConnector(c);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        ctx.addServlet(new ServletHolder(new TransportServlet(() -> node)), HttpBlobTransport.PREFIX + "/*");
        ctx.addServlet(new ServletHolder(new GatewayServlet(() -> node)), "/seed/*");
        if (extra != null) {
            ctx.addServlet(new ServletHolder(extra), extraPath);
        }
        server.setHandler(ctx);
        server.start();
    }

    /** A free loopback port (the node needs its port before its server starts). */
    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** A configuration annotation instance: the given values, the OCD defaults otherwise. */
    @SuppressWarnings("unchecked")
    static <A> A ocd(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + values
                        : method.getName().equals("hashCode") ? values.hashCode() : proxy == args[0];
            }
            return values.getOrDefault(method.getName(), method.getDefaultValue());
        });
    }

    @Override
    public void close() throws Exception {
        node.close();
        server.stop();
    }
}
