package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code POST /enrol/webhook}: Misskey's system webhook; the checks are {@link WebhookHandler}'s. */
final class WebhookServlet extends HttpServlet {

    static final String PATH = "/enrol/webhook";
    private static final long serialVersionUID = 1L;

    private final transient Supplier<WebhookHandler> handler;

    WebhookServlet(Supplier<WebhookHandler> handler) {
        this.handler = handler;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebhookHandler.Reply r = handler.get().handle(req.getHeader("X-Misskey-Hook-Secret"), req.getContentLengthLong(), req.getInputStream());
        resp.setStatus(r.status());
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(r.json().getBytes(StandardCharsets.UTF_8));
    }
}
