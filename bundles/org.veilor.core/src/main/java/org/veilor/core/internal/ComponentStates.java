package org.veilor.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.veilor.core.ConfigStatus;

/**
 * Merges what SCR knows about veilor components (state, failure) with the configuration reports
 * of {@link ConfigStatus} (failed activation with PID/key/value, refused changes).
 */
final class ComponentStates {

    private ComponentStates() {
    }

    static List<StatusReport.ComponentState> collect(ServiceComponentRuntime scr, List<ConfigStatus.Report> reports) {
        Map<String, ConfigStatus.Report> byName = reports.stream()
                .collect(Collectors.toMap(ConfigStatus.Report::component, r -> r, (a, b) -> b));
        List<StatusReport.ComponentState> out = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.bundle == null || d.bundle.symbolicName == null || !d.bundle.symbolicName.startsWith("org.veilor")) {
                continue;
            }
            Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
            if (!scr.isComponentEnabled(d)) {
                out.add(new StatusReport.ComponentState(d.name, first(d.configurationPid), d.bundle.symbolicName, "disabled", ""));
            } else if (configs.isEmpty()) {
                out.add(new StatusReport.ComponentState(d.name, first(d.configurationPid), d.bundle.symbolicName, "unconfigured",
                        "waiting for configuration " + String.join(", ", d.configurationPid)));
            } else {
                for (ComponentConfigurationDTO c : configs) {
                    out.add(describe(d, c, byName));
                }
            }
        }
        out.sort(Comparator.comparing(StatusReport.ComponentState::bundle).thenComparing(StatusReport.ComponentState::name));
        return out;
    }

    private static StatusReport.ComponentState describe(ComponentDescriptionDTO d, ComponentConfigurationDTO c,
            Map<String, ConfigStatus.Report> reports) {
        Object servicePid = c.properties == null ? null : c.properties.get("service.pid");
        String pid = servicePid != null ? servicePid.toString() : first(d.configurationPid);
        ConfigStatus.Report report = reports.get(d.name);
        if (report == null) {
            report = reports.get(pid);
        }
        String state;
        String detail = "";
        switch (c.state) {
            case ComponentConfigurationDTO.ACTIVE -> state = "active";
            case ComponentConfigurationDTO.SATISFIED -> state = "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> {
                state = "unconfigured";
                detail = "waiting for configuration " + String.join(", ", d.configurationPid);
            }
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                state = "unsatisfied";
                detail = "missing " + Arrays.stream(c.unsatisfiedReferences == null
                        ? new UnsatisfiedReferenceDTO[0] : c.unsatisfiedReferences)
                        .map(r -> r.name).collect(Collectors.joining(", "));
            }
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> {
                state = "failed";
                detail = report != null && report.state() == ConfigStatus.State.FAILED ? report.reason()
                        : firstLine(c.failure);
            }
            default -> state = "unknown(" + c.state + ")";
        }
        if (!"failed".equals(state) && report != null && report.state() == ConfigStatus.State.PREVIOUS_CONFIGURATION) {
            detail = report.describe();
        }
        return new StatusReport.ComponentState(d.name, pid, d.bundle.symbolicName, state, detail);
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? "" : values[0];
    }

    /** SCR's failure text is a stack trace; its first line carries the exception message. */
    static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "activation failed";
        }
        String line = failure.strip().lines().findFirst().orElse(failure);
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+(Exception|Error)")) {
            return line.substring(colon + 2);
        }
        return line;
    }
}
