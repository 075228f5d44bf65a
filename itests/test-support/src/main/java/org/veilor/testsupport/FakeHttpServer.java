package org.veilor.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server on loopback to build fakes of servers that cannot run here (Headscale,
 * Misskey). Subclasses add routes shaped exactly like the documented protocol; the base records
 * every request and injects the documented failure modes: an error status, a delay, and an
 * answer lost after the server acted (the handler runs, then the connection is closed without a
 * response).
 */
public class FakeHttpServer implements AutoCloseable {

    /** A recorded request. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A response to send. */
    public record Response(int status, String contentType, byte[] body) {
        /** Returned by a handler that has acted but whose answer is lost: the connection closes without a response. */
        public static final Response LOST = new Response(0, "", new byte[0]);

        public static Response json(int status, String json) {
            return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Handles a request whose path matched a route; groups of the route's pattern are passed. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request, Matcher path) throws Exception;
    }

    /** What the next matching request suffers. */
    public enum Fault {
        /** Answer with the injected status and body instead of running the handler. */
        ERROR,
        /** Run the handler (the server acts), then drop the connection without answering. */
        LOSE_ANSWER
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private record Injected(Fault fault, Response response) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Injected> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger delayMillis = new AtomicInteger();

    public FakeHttpServer() throws IOException {
        this(8);
    }

    /** A server answering up to {@code threads} requests at once (a benchmark needs more than tests do). */
    public FakeHttpServer(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fake-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Adds a route; the path pattern must match the whole path. */
    public FakeHttpServer route(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    /** The next request (any route) is answered with an error instead of being handled. */
    public void failNext(int status, String contentType, String body) {
        faults.add(new Injected(Fault.ERROR, new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8))));
    }

    /** The next request is handled (the server acts) but its answer is lost. */
    public void loseNextAnswer() {
        faults.add(new Injected(Fault.LOSE_ANSWER, null));
    }

    /** Every request waits this long before it is handled (0 to stop). */
    public void delay(int millis) {
        delayMillis.set(millis);
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    Map.copyOf(ex.getRequestHeaders()), body);
            requests.add(req);
            int delay = delayMillis.get();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            Injected injected = faults.isEmpty() ? null : faults.remove(0);
            if (injected != null && injected.fault() == Fault.ERROR) {
                send(ex, injected.response());
                return;
            }
            Response response = null;
            for (Route r : routes) {
                Matcher m = r.path().matcher(req.path());
                if (r.method().equalsIgnoreCase(req.method()) && m.matches()) {
                    response = r.handler().handle(req, m);
                    break;
                }
            }
            if (response == Response.LOST || injected != null && injected.fault() == Fault.LOSE_ANSWER) {
                return; // acted, but the client never hears back
            }
            send(ex, response != null ? response : Response.text(404, "Not Found"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            send(ex, Response.text(500, "fake server error: " + e));
        }
    }

    private static void send(HttpExchange ex, Response r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
