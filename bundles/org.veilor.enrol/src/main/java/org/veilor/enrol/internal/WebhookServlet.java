package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code POST /enrol/webhook}: Misskey's system webhook; the checks are {@link WebhookHandler}'s; 503 while enrolment is not running. */
final class WebhookServlet extends HttpServlet {

    static final String PATH = "/enrol/webhook";
    private static final long serialVersionUID = 1L;

    private final transient Supplier<EnrolmentHttp> http;

    WebhookServlet(Supplier<EnrolmentHttp> http) {
        this.http = http;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EnrolmentHttp h = http.get();
        WebhookHandler.Reply r = h == null
                ? new WebhookHandler.Reply(503, "{\"error\":\"enrolment is starting or not configured; retry later\"}")
                : h.webhook().handle(req.getHeader("X-Misskey-Hook-Secret"), req.getContentLengthLong(), req.getInputStream());
        if (r.status() == 503) {
            resp.setHeader("Retry-After", "60");
        }
        resp.setStatus(r.status());
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(r.json().getBytes(StandardCharsets.UTF_8));
    }
}
