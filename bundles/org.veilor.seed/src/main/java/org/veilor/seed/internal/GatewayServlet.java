package org.veilor.seed.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLConnection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.veilor.seed.Announcement;
import org.veilor.seed.Topics;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Outboard;

/**
 * The node gateway, {@code GET /seed/<service>/<name>}: the name resolves to a hash (bound here, or
 * announced by a trusted origin); a held blob is served at once, a missing one is pulled from the
 * providers that announced it and served as its chunk groups verify — the client never gets a byte
 * that did not. Single byte ranges are honoured (206). If every provider fails before the answer
 * starts, the client gets 502; after it started, the connection is cut rather than finished wrong.
 */
public final class GatewayServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<SeedNode> node;

    public GatewayServlet(Supplier<SeedNode> node) {
        this.node = node;
    }

    private record Target(String service, String name, Blake3Hash hash, long size) {
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        SeedNode n = node.get();
        Target t = target(n, req, resp);
        if (t == null) {
            return;
        }
        resp.setHeader("ETag", "\"" + t.hash().toHex() + "\"");
        resp.setHeader("Accept-Ranges", "bytes");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        String type = URLConnection.guessContentTypeFromName(t.name());
        resp.setContentType(type == null ? "application/octet-stream" : type);
        if (("\"" + t.hash().toHex() + "\"").equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(304);
            return;
        }
        if (!serveHeld(n, t, req, resp, body)) {
            if (!body) {
                resp.setContentLengthLong(t.size()); // the origin's signed size; nothing is fetched for a HEAD
                return;
            }
            pullAndServe(n, t, req, resp);
        }
    }

    private static boolean serveHeld(SeedNode n, Target t, HttpServletRequest req, HttpServletResponse resp, boolean body)
            throws IOException {
        Optional<BlobSource> held = n.holdings().open(t.hash());
        if (held.isPresent()) {
            try (BlobSource s = held.get()) {
                n.holdings().touch(t.hash());
                HttpRange r = range(req, resp, s.size());
                if (r != null && body) {
                    try (OutputStream out = new BufferedOutputStream(resp.getOutputStream(), 1 << 16)) {
                        s.verified(r.start(), r.length(), out);
                    }
                }
            }
            return true;
        }
        return false;
    }

    private static Target target(SeedNode n, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        int slash = path.indexOf('/', 1);
        if (!path.startsWith("/") || slash < 0) {
            resp.sendError(404, "use /seed/<service>/<name>");
            return null;
        }
        String service = path.substring(1, slash);
        String name = path.substring(slash + 1);
        if (!n.servicesByName().containsKey(service)) {
            resp.sendError(404, "service " + service + " is not seeded on this node");
            return null;
        }
        try {
            Topics.checkName(name);
        } catch (IllegalArgumentException e) {
            resp.sendError(400, e.getMessage());
            return null;
        }
        try {
            Optional<BlobIndex.Name> own = n.index().name(service, name);
            if (own.isPresent()) {
                return new Target(service, name, own.get().hash(), own.get().size());
            }
            Optional<Announcement> a = n.gossip().resolve(service, name);
            if (a.isPresent()) {
                return new Target(service, name, a.get().hash(), a.get().size());
            }
        } catch (SQLException e) {
            resp.sendError(500, "seed index: " + e.getMessage());
            return null;
        }
        resp.sendError(404, "no " + service + "/" + name + " here or announced by its origins");
        return null;
    }

    /** Sets status and length for the request's range; null after a 416. */
    private static HttpRange range(HttpServletRequest req, HttpServletResponse resp, long size) throws IOException {
        Optional<HttpRange> r = HttpRange.parse(req.getHeader("Range"), size);
        if (r == null) {
            // Not sendError: the container's error page would drop the Content-Range header RFC 9110 asks for.
            byte[] msg = ("the range starts past the end of " + size + " bytes\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            resp.setStatus(416);
            resp.setHeader("Content-Range", "bytes */" + size);
            resp.setContentType("text/plain;charset=utf-8");
            resp.setContentLength(msg.length);
            resp.getOutputStream().write(msg);
            return null;
        }
        if (r.isPresent()) {
            resp.setStatus(206);
            resp.setHeader("Content-Range", r.get().contentRange(size));
            resp.setContentLengthLong(r.get().length());
            return r.get();
        }
        resp.setStatus(200);
        resp.setContentLengthLong(size);
        return new HttpRange(0, size);
    }

    private static void pullAndServe(SeedNode n, Target t, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long idle = n.settings().requestTimeout().toMillis() * 2;
        Pull pull = n.pull(t.hash(), List.of());
        if (!pull.acquire()) {
            // it finished between the two calls: it is in the store now, or it failed
            if (!serveHeld(n, t, req, resp, true)) {
                IOException f = pull.failure();
                resp.sendError(502, "cannot fetch " + t.service() + "/" + t.name() + (f == null ? "" : ": " + f.getMessage()));
            }
            return;
        }
        try {
            long size;
            try {
                size = pull.awaitSize(idle);
            } catch (IOException e) {
                resp.sendError(502, "cannot fetch " + t.service() + "/" + t.name() + ": " + e.getMessage());
                return;
            }
            HttpRange r = range(req, resp, size);
            if (r == null || r.length() == 0) {
                return;
            }
            long g = Outboard.CHUNK_GROUP_SIZE;
            long[] groups = Pull.groups(size, r.start(), r.length());
            pull.want(groups[0], groups[1]);
            long end = r.start() + r.length();
            byte[] buf = new byte[(int) g];
            try (OutputStream out = new BufferedOutputStream(resp.getOutputStream(), 1 << 16)) {
                for (long group = groups[0]; group <= groups[1]; group++) {
                    pull.awaitGroup(group, idle); // throws once every provider failed: the connection is cut
                    long from = Math.max(r.start(), group * g);
                    int len = (int) (Math.min(end, (group + 1) * g) - from);
                    pull.read(from, buf, 0, len);
                    out.write(buf, 0, len);
                }
            }
        } finally {
            pull.release();
        }
    }
}
