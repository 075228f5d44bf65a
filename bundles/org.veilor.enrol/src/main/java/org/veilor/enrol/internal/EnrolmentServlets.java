package org.veilor.enrol.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers the webhook ({@code /enrol/webhook}) and page ({@code /enrol/k/*}) servlets with the
 * HTTP whiteboard for as long as the bundle runs; they serve whatever {@link EnrolmentHttp} is
 * there, and 503 while none is.
 */
@Component(service = {}, immediate = true, name = "org.veilor.enrol.http")
public class EnrolmentServlets {

    private final List<ServiceRegistration<Servlet>> registrations;
    private volatile EnrolmentHttp current;

    @Activate
    public EnrolmentServlets(BundleContext context) {
        registrations = List.of(register(context, new WebhookServlet(() -> current), WebhookServlet.PATH, "veilor-enrol-webhook"),
                register(context, new PageServlet(() -> current), PageServlet.PATTERN, "veilor-enrol-page"));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bind(EnrolmentHttp http) {
        current = http;
    }

    void unbind(EnrolmentHttp http) {
        if (current == http) {
            current = null;
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Servlet> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping
            }
        }
    }

    private static ServiceRegistration<Servlet> register(BundleContext context, Servlet servlet, String pattern, String name) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("osgi.http.whiteboard.servlet.pattern", pattern);
        p.put("osgi.http.whiteboard.servlet.name", name);
        return context.registerService(Servlet.class, servlet, p);
    }
}
