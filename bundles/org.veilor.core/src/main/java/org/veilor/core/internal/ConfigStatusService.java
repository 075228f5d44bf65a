package org.veilor.core.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.veilor.core.ConfigStatus;

/** Keeps the configuration reports of every component, in memory. */
@Component(service = ConfigStatus.class, name = "org.veilor.core.configstatus")
public class ConfigStatusService implements ConfigStatus {

    private final Map<String, Report> reports = new ConcurrentHashMap<>();

    @Override
    public void accepted(String component) {
        reports.remove(component);
    }

    @Override
    public void failed(String component, String reason) {
        reports.put(component, new Report(component, State.FAILED, reason, Instant.now()));
    }

    @Override
    public void refused(String component, String reason) {
        reports.put(component, new Report(component, State.PREVIOUS_CONFIGURATION, reason, Instant.now()));
    }

    @Override
    public void removed(String component) {
        reports.remove(component);
    }

    @Override
    public List<Report> reports() {
        return reports.values().stream().sorted(Comparator.comparing(Report::component)).toList();
    }
}
