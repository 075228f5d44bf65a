package org.veilor.itests.boot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.felix.utils.resource.CapabilitySet;
import org.apache.felix.utils.resource.RequirementImpl;
import org.apache.felix.utils.resource.ResourceBuilder;
import org.junit.Test;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * The rule behind a cold start that never refreshes: Karaf's deployer refreshes a resolved
 * bundle when a newly installed bundle can satisfy one of its optional imports ("should be wired
 * to …"), and refreshing a startup bundle during the boot deployment is what deadlocked the
 * first start (issue 16: eventadmin, installed by the boot features, exports
 * org.osgi.service.event, which the startup bundle pax-logging-api imports optionally).
 *
 * <p>So no bundle the distribution ships in {@code system/} — boot features and the optional
 * features installed at runtime alike — may export a package that a startup bundle imports
 * optionally and that nothing at startup (another startup bundle or the system bundle)
 * provides. The bundles' manifests are read with Felix's own resource model, as the resolver
 * reads them.
 */
public class StartupWiringIT {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^${}]+)}");

    @Test
    public void noShippedBundleGivesAStartupBundleANewOptionalWire() throws Exception {
        Path home = Distribution.get().home();
        Map<String, Resource> startup = new HashMap<>();
        Set<Path> startupJars = new HashSet<>();
        for (String location : load(home.resolve("etc/startup.properties")).stringPropertyNames()) {
            Path jar = mavenPath(home.resolve("system"), location);
            startupJars.add(jar);
            startup.put(location, bundle(location, jar));
        }
        List<Resource> atStartup = new ArrayList<>(startup.values());
        atStartup.add(systemBundle(home.resolve("etc")));

        List<Resource> shipped = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(home.resolve("system"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar") && !startupJars.contains(p)).toList()) {
                Resource r = bundleOrNull(home.resolve("system").relativize(jar).toString(), jar);
                if (r != null) {
                    shipped.add(r);
                }
            }
        }
        assertTrue("the distribution ships bundles in system/", shipped.size() > 50);

        List<String> newWires = new ArrayList<>();
        for (Map.Entry<String, Resource> s : startup.entrySet()) {
            for (Requirement req : s.getValue().getRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (!Namespace.RESOLUTION_OPTIONAL.equals(req.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                        || providedBy(req, atStartup) != null) {
                    continue;
                }
                Capability late = providedBy(req, shipped);
                if (late != null) {
                    newWires.add(s.getKey() + " imports " + req.getAttributes().getOrDefault("osgi.wiring.package",
                            RequirementImpl.getFilter(req)) + " optionally; " + late.getResource()
                            + " exports it: installing it refreshes that startup bundle");
                }
            }
        }
        assertEquals("startup bundles that a later bundle would refresh:\n" + String.join("\n", newWires),
                List.of(), newWires);
    }

    private static Capability providedBy(Requirement req, List<Resource> resources) {
        for (Resource r : resources) {
            for (Capability c : r.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (CapabilitySet.matches(c, req)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The system bundle's exports, from etc/config.properties and etc/jre.properties as the launcher reads them. */
    private static Resource systemBundle(Path etc) throws Exception {
        Properties values = new Properties();
        values.putAll(load(etc.resolve("jre.properties")));
        values.putAll(load(etc.resolve("config.properties")));
        values.setProperty("java.specification.version", System.getProperty("java.specification.version"));
        String exports = substitute(values.getProperty("org.osgi.framework.system.packages"), values);
        String extra = values.getProperty("org.osgi.framework.system.packages.extra");
        if (extra != null) {
            exports += "," + substitute(extra, values);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", "system.bundle");
        headers.put("Bundle-Version", "0.0.0");
        headers.put("Export-Package", exports.replaceAll(",\\s*,", ","));
        return ResourceBuilder.build("system-bundle", headers);
    }

    private static String substitute(String value, Properties values) {
        String v = value;
        for (int i = 0; i < 100; i++) {
            Matcher m = PLACEHOLDER.matcher(v);
            if (!m.find()) {
                return v;
            }
            v = m.replaceFirst(Matcher.quoteReplacement(values.getProperty(m.group(1), "")));
        }
        throw new IllegalStateException("placeholders do not resolve in " + value);
    }

    private static Resource bundle(String location, Path jar) throws Exception {
        Resource r = bundleOrNull(location, jar);
        if (r == null) {
            throw new AssertionError(jar + " (" + location + ") is not a bundle");
        }
        return r;
    }

    private static Resource bundleOrNull(String location, Path jar) throws Exception {
        try (JarFile jf = new JarFile(jar.toFile())) {
            if (jf.getManifest() == null) {
                return null;
            }
            Map<String, String> headers = new HashMap<>();
            jf.getManifest().getMainAttributes().forEach((k, v) -> headers.put(k.toString(), v.toString()));
            if (!headers.containsKey("Bundle-SymbolicName")) {
                return null;
            }
            return ResourceBuilder.build(location, headers);
        }
    }

    /** mvn:group/artifact/version[/type[/classifier]] → system/group/…/artifact-version[-classifier].type */
    private static Path mavenPath(Path system, String mvn) {
        String[] p = mvn.substring("mvn:".length()).split("/");
        String type = p.length > 3 ? p[3] : "jar";
        String classifier = p.length > 4 ? "-" + p[4] : "";
        return system.resolve(p[0].replace('.', '/')).resolve(p[1]).resolve(p[2])
                .resolve(p[1] + "-" + p[2] + classifier + "." + type);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
