package org.veilor.seed.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.veilor.seed.Topics;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * The node's transport endpoints under {@code /veilor-seed/v1}, for other seed nodes:
 * {@code GET /blob/<hash>?start=&length=} (a range of a held blob in the verified-streaming layout),
 * {@code GET /hello}, {@code POST /announce}, {@code GET /lookup?service=&name=}.
 */
public final class TransportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_ANNOUNCE_BODY = 8 << 20;

    private final transient Supplier<SeedNode> node;

    public TransportServlet(Supplier<SeedNode> node) {
        this.node = node;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        SeedNode n = node.get();
        try {
            if (path.startsWith("/blob/")) {
                blob(n, path.substring("/blob/".length()), req, resp);
            } else if (path.equals("/hello")) {
                ObjectNode o = AnnouncementJson.MAPPER.createObjectNode();
                o.put("version", 1);
                o.put("node", n.id().toHex());
                ArrayNode topics = o.putArray("topics");
                n.servicesByName().keySet().stream().sorted().forEach(s -> topics.add(Topics.of(s).toHex()));
                json(resp, o);
            } else if (path.equals("/lookup")) {
                String service = req.getParameter("service");
                String name = req.getParameter("name");
                ObjectNode o = AnnouncementJson.MAPPER.createObjectNode();
                boolean followed = service != null && name != null && n.servicesByName().containsKey(service);
                o.set("announcements", AnnouncementJson.writeAll(followed ? n.gossip().known(service, name) : List.of()));
                json(resp, o);
            } else {
                resp.sendError(404, "no such seed endpoint: " + path);
            }
        } catch (SQLException e) {
            resp.sendError(500, "seed index: " + e.getMessage());
        }
    }

    private static void blob(SeedNode n, String hex, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Blake3Hash hash;
        long start;
        long length;
        try {
            hash = Blake3Hash.parse(hex);
            start = Long.parseLong(Optional.ofNullable(req.getParameter("start")).orElse("0"));
            length = Long.parseLong(Optional.ofNullable(req.getParameter("length")).orElse(String.valueOf(Long.MAX_VALUE)));
            if (start < 0 || length < 0) {
                throw new IllegalArgumentException("negative range");
            }
        } catch (IllegalArgumentException e) {
            resp.sendError(400, "bad blob request: " + e.getMessage());
            return;
        }
        Optional<BlobSource> src = n.holdings().open(hash);
        if (src.isEmpty()) {
            resp.sendError(404, "this node does not hold " + hash.toHex());
            return;
        }
        try (BlobSource s = src.get()) {
            n.holdings().touch(hash);
            resp.setStatus(200);
            resp.setContentType(HttpBlobTransport.RANGE_TYPE);
            resp.setContentLengthLong(s.encodedLength(start, length));
            try (OutputStream out = new BufferedOutputStream(resp.getOutputStream(), 1 << 16)) {
                s.encode(start, length, out);
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!path.equals("/announce")) {
            resp.sendError(404, "no such seed endpoint: " + path);
            return;
        }
        if (req.getContentLengthLong() > MAX_ANNOUNCE_BODY) {
            resp.sendError(413, "at most " + MAX_ANNOUNCE_BODY + " bytes of announcements per request");
            return;
        }
        JsonNode body;
        try (InputStream in = req.getInputStream()) {
            byte[] b = in.readNBytes(MAX_ANNOUNCE_BODY + 1);
            if (b.length > MAX_ANNOUNCE_BODY) {
                resp.sendError(413, "at most " + MAX_ANNOUNCE_BODY + " bytes of announcements per request");
                return;
            }
            body = AnnouncementJson.MAPPER.readTree(b);
        } catch (IOException e) {
            resp.sendError(400, "not JSON: " + e.getMessage());
            return;
        }
        List<String> problems = new ArrayList<>();
        try {
            int accepted = node.get().gossip().receive(AnnouncementJson.readAll(body.get("announcements"), problems), problems,
                    body.path("from").isTextual() ? body.path("from").asText() : null);
            ObjectNode o = AnnouncementJson.MAPPER.createObjectNode();
            o.put("accepted", accepted);
            o.put("refused", problems.size());
            ArrayNode p = o.putArray("problems");
            problems.stream().limit(20).forEach(p::add);
            json(resp, o);
        } catch (SQLException e) {
            resp.sendError(500, "seed index: " + e.getMessage());
        }
    }

    private static void json(HttpServletResponse resp, JsonNode o) throws IOException {
        byte[] b = AnnouncementJson.MAPPER.writeValueAsBytes(o);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }
}
