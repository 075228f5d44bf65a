package org.veilor.mesh.reticulum.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.veilor.core.ConfigException;
import org.veilor.core.Finding;

/**
 * Pure: what the release says about the node profile's L3c settings ({@code etc/}{@value #FILE}),
 * which travel in the image. An unset RetiNet source is a warning (ujust install-reticulum refuses
 * to run on nodes until it is set); fewer backbone peers than the strategy wants is a warning; an
 * invalid value is an error, judged by the component's own validation method.
 */
final class NodeProfileCheck {

    static final String FILE = ReticulumSettings.PID + ".cfg";

    private NodeProfileCheck() {
    }

    static List<Finding> check(Path nodeProfile) throws IOException {
        Path cfg = nodeProfile.resolve("etc").resolve(FILE);
        String where = cfg.toString();
        if (!Files.isRegularFile(cfg)) {
            return List.of(Finding.warning("reticulum.node-config-missing", "the node profile has no etc/" + FILE
                    + ": PID " + ReticulumSettings.PID + " is required on a node, so an opt-in (feature:install"
                    + " veilor-reticulum) would stay inert", where));
        }
        Map<String, String> props = read(cfg);
        List<Finding> findings = new ArrayList<>();
        for (String key : CfgConfig.unknownKeys(props)) {
            findings.add(Finding.warning("reticulum.node-config-unknown-key", "unknown key '" + key + "' (config:meta "
                    + ReticulumSettings.PID + " lists the keys)", where + ": " + key));
        }
        ReticulumSettings s;
        try {
            s = ReticulumSettings.validate(CfgConfig.of(props));
        } catch (ConfigException e) {
            findings.add(Finding.error("reticulum.node-config-invalid", e.getMessage()
                    + "; the L3c layer would fail to start on every node that opts in", where + ": " + e.key()));
            return findings;
        }
        if (!s.source().configured()) {
            findings.add(Finding.warning("reticulum.retinet-source-unset", "the RetiNet source is unset (retinetRepository,"
                    + " retinetVersion): ujust install-reticulum refuses to run on nodes until the node profile names the"
                    + " fork's repository and version", where + ": retinetRepository"));
        }
        if (s.backboneDegraded()) {
            findings.add(Finding.warning("reticulum.backbone-degraded", "the node profile lists " + s.backboneSummary(),
                    where + ": backbonePeers"));
        }
        if (!s.hasRadio()) {
            findings.add(Finding.warning("reticulum.no-radio", "no RNode radio is named (radio): floor (iii) cannot hold"
                    + " on any node", where + ": radio"));
        }
        findings.add(Finding.info("reticulum.node-config", "L3c settings: " + ReticulumAssessment.interfaces(s)
                + "; RetiNet " + s.source().describe(), where));
        return findings;
    }

    /** A .cfg file as Felix fileinstall reads it: Java properties, UTF-8. */
    private static Map<String, String> read(Path cfg) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cfg, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        Set<String> names = p.stringPropertyNames();
        for (String n : names) {
            m.put(n, p.getProperty(n));
        }
        return m;
    }
}
