package org.veilor.enrol.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code /enrol/k/<token>}: the one-time page ({@link PageHandler}); GET shows the button, POST the
 * key. Nothing is cached, framed, indexed or sent on as a referrer, and the page loads nothing from
 * elsewhere.
 */
final class PageServlet extends HttpServlet {

    static final String PATTERN = "/enrol/k/*";
    private static final long serialVersionUID = 1L;

    private final transient Supplier<EnrolmentHttp> http;

    PageServlet(Supplier<EnrolmentHttp> http) {
        this.http = http;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EnrolmentHttp h = http.get();
        send(resp, h == null ? new PageHandler.Page(503, PageHtml.unavailable()) : h.pages().open(token(req)));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EnrolmentHttp h = http.get();
        send(resp, h == null ? new PageHandler.Page(503, PageHtml.unavailable()) : h.pages().reveal(token(req)));
    }

    private static String token(HttpServletRequest req) {
        String info = req.getPathInfo();
        return info == null || info.length() < 2 ? "" : info.substring(1);
    }

    private static void send(HttpServletResponse resp, PageHandler.Page page) throws IOException {
        resp.setStatus(page.status());
        resp.setContentType("text/html; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Pragma", "no-cache");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("X-Robots-Tag", "noindex");
        resp.setHeader("Content-Security-Policy",
                "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        resp.getOutputStream().write(page.html().getBytes(StandardCharsets.UTF_8));
    }
}
