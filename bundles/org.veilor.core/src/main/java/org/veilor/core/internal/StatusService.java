package org.veilor.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.veilor.core.ConfigStatus;
import org.veilor.core.Host;
import org.veilor.core.ReleaseGates;
import org.veilor.core.StatusSummary;

/**
 * Gathers the instance's status for {@code veilor:status}. Everything that can fail on bad
 * configuration is an optional reference, so the status still answers — and shows why — when
 * the release gates, the host or the profile installer did not activate.
 */
@Component(service = StatusService.class, name = "org.veilor.core.status")
public class StatusService {

    private static final String NOT_ACTIVE = "(not active: see components)";

    private final ServiceComponentRuntime scr;
    private final FeaturesService features;
    private final ConfigStatus configStatus;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReleaseGates gates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Host host;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProfileStatus profile;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DatabaseStatus database;

    /** Concerns' one-line summaries; the list is replaced whenever one comes or goes. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<StatusSummary> summaries = List.of();

    @Activate
    public StatusService(@Reference ServiceComponentRuntime scr, @Reference FeaturesService features,
            @Reference ConfigStatus configStatus) {
        this.scr = scr;
        this.features = features;
        this.configStatus = configStatus;
    }

    public StatusReport report() throws Exception {
        List<StatusReport.FeatureState> feats = new ArrayList<>();
        for (Feature f : features.listFeatures()) {
            if (f.getName().startsWith("veilor-") && !f.getName().startsWith("veilor-tp-")) {
                feats.add(new StatusReport.FeatureState(f.getName(), f.getVersion(), features.isInstalled(f)));
            }
        }
        feats.sort(Comparator.comparing(StatusReport.FeatureState::name));
        ProfileStatus ps = profile;
        StatusReport.Profile p = ps == null
                ? new StatusReport.Profile(NOT_ACTIVE, List.of(), List.of(), Map.of(), NOT_ACTIVE)
                : new StatusReport.Profile(ps.profile(), ps.wanted(), ps.installedByProfile().stream().sorted().toList(),
                        ps.skipped(), ps.lastResult());
        ReleaseGates g = gates;
        Host h = host;
        DatabaseStatus db = database;
        return new StatusReport(g == null ? NOT_ACTIVE : g.stage().label(), g != null && g.publicIso(),
                g != null && g.guestAclBlockerFixed(), h == null ? NOT_ACTIVE : h.root().toString(), p,
                db == null ? NOT_ACTIVE : db.describe(), VectorSupport.describe(), summaries(summaries), feats,
                ComponentStates.collect(scr, configStatus.reports()));
    }

    /** Each summary, sorted by label; one that fails says so instead of failing the whole status. */
    static List<StatusReport.Summary> summaries(List<StatusSummary> all) {
        List<StatusReport.Summary> out = new ArrayList<>();
        for (StatusSummary s : all == null ? List.<StatusSummary>of() : all) {
            String label;
            String line;
            try {
                label = s.label();
            } catch (RuntimeException e) {
                label = s.getClass().getName();
            }
            try {
                line = s.summary();
            } catch (RuntimeException e) {
                line = "(summary failed: " + e.getMessage() + ")";
            }
            out.add(new StatusReport.Summary(label, line == null ? "" : line.replace('\n', ' ')));
        }
        out.sort(Comparator.comparing(StatusReport.Summary::label));
        return out;
    }
}
