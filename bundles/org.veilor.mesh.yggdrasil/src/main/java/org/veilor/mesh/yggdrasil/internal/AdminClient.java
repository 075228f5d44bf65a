package org.veilor.mesh.yggdrasil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Client of yggdrasil's admin socket (spec mesh-radio.md §1.6), over the JDK's Unix domain sockets
 * (or TCP): one JSON request per connection — {@code {"request": …, "arguments": {…},
 * "keepalive": false}} — answered by one JSON object, after which the daemon closes. Both releases
 * answer with the same envelope ({@code status}, {@code error}, {@code response}); 0.4 sets
 * {@code request} to null, 0.5 echoes it. Every step is bounded by one deadline, so a stuck daemon
 * cannot hold the supervisor's probe thread.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESPONSE = 8 << 20;

    private final String endpoint;
    private final SocketAddress address;
    private final Duration timeout;

    /**
     * @param endpoint {@code unix:///real/path} or {@code tcp://host:port}, as the daemon opens it
     * @param timeout for the whole exchange
     */
    public AdminClient(String endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.address = address(endpoint);
        this.timeout = timeout;
    }

    /** The socket address of an AdminListen value; throws naming the value when it is not one. */
    static SocketAddress address(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an admin endpoint: '" + endpoint + "'");
        }
        if ("unix".equals(uri.getScheme()) && uri.getPath() != null && uri.getPath().startsWith("/")) {
            return UnixDomainSocketAddress.of(Path.of(uri.getPath()));
        }
        if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
            return new InetSocketAddress(uri.getHost(), uri.getPort());
        }
        throw new IllegalArgumentException("not an admin endpoint: '" + endpoint + "' (unix:///path or tcp://host:port)");
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * Sends one request and returns its {@code response} object.
     *
     * @throws DaemonError when the daemon answered with {@code status: error}
     * @throws IOException when the daemon cannot be reached or does not answer in time
     */
    public JsonNode request(String name, Map<String, String> arguments) throws IOException {
        ObjectNode req = JSON.createObjectNode();
        req.put("request", name);
        ObjectNode args = req.putObject("arguments");
        arguments.forEach(args::put);
        req.put("keepalive", false);
        byte[] answer = exchange(JSON.writeValueAsBytes(req));
        JsonNode reply;
        try {
            reply = JSON.readTree(answer);
        } catch (IOException e) {
            throw new IOException(endpoint + " answered " + name + " with something that is not JSON");
        }
        if (reply == null || !reply.isObject()) {
            throw new IOException(endpoint + " answered " + name + " with nothing");
        }
        if (!"success".equals(reply.path("status").asText())) {
            throw new DaemonError(name, reply.path("error").asText(reply.path("status").asText("no status")));
        }
        return reply.path("response");
    }

    public JsonNode request(String name) throws IOException {
        return request(name, Map.of());
    }

    private byte[] exchange(byte[] request) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean unix = address instanceof UnixDomainSocketAddress;
        try (SocketChannel ch = unix ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
                Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            SelectionKey key = ch.register(selector, 0);
            try {
                if (!ch.connect(address)) {
                    await(selector, key, SelectionKey.OP_CONNECT, deadline, "connect");
                    ch.finishConnect();
                }
            } catch (IOException e) {
                throw new IOException("cannot reach the admin socket " + endpoint + ": " + reason(e), e);
            }
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) {
                    await(selector, key, SelectionKey.OP_WRITE, deadline, "send the request");
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(16 << 10);
            while (true) {
                int n = ch.read(in);
                if (n < 0) {
                    return answer.toByteArray();
                }
                if (n == 0) {
                    await(selector, key, SelectionKey.OP_READ, deadline, "answer");
                    continue;
                }
                answer.write(in.array(), 0, in.position());
                in.clear();
                if (answer.size() > MAX_RESPONSE) {
                    throw new IOException(endpoint + " sent more than " + (MAX_RESPONSE >> 20) + " MiB");
                }
            }
        }
    }

    private void await(Selector selector, SelectionKey key, int op, long deadline, String what) throws IOException {
        key.interestOps(op);
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new IOException("the admin socket " + endpoint + " did not " + what + " within " + timeout.toMillis() + " ms");
            }
            selector.select(left);
            if (key.isValid() && (key.readyOps() & op) != 0) {
                selector.selectedKeys().clear();
                return;
            }
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The daemon refused a request ({@code status: error}); the message is the daemon's. */
    public static final class DaemonError extends IOException {
        private static final long serialVersionUID = 1L;
        private final String daemonMessage;

        DaemonError(String request, String daemonMessage) {
            super(request + " refused by yggdrasil: " + daemonMessage);
            this.daemonMessage = daemonMessage;
        }

        public String daemonMessage() {
            return daemonMessage;
        }
    }
}
