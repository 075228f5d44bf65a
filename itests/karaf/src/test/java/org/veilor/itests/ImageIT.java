package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.veilor.itests.contrib.ItestContribution;
import org.veilor.itests.contrib.ItestContributionActivator;
import org.veilor.testsupport.Poll;

/**
 * The image bundle in the real distribution: veilor:release writes the recipe tree and image:lint
 * finds no error in it (schema validation running inside OSGi on Jackson 2); a feature that
 * registers a contribution at runtime changes the recipe, and uninstalling it takes the change away.
 * The image carries the real distribution tarball (the karaf-assembly artefact, configured as
 * {@code distribution}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ImageIT extends VeilorTestSupport {

    private static final String PID = "org.veilor.image";

    @Override
    protected Option[] extraOptions() {
        return new Option[] { systemProperty("veilor.assembly").value(System.getProperty("karaf.assembly")) };
    }

    @Before
    public void installImage() throws Exception {
        if (!installed("veilor-image")) {
            installFeature("veilor-image");
        }
        Path key = workDir("image").resolve("cosign.pub");
        if (!Files.exists(key)) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        }
        putConfig(PID, Map.of("distribution", System.getProperty("veilor.assembly"), "cosignPublicKey", key.toString()));
        waitForCommand("image:render");
        Poll.assertEventually(TIMEOUT, () -> assertTrue(execute("config:list '(service.pid=" + PID + ")'")
                .contains(System.getProperty("veilor.assembly"))));
    }

    @Test
    public void releaseWritesTheTreeAndItLintsWithoutErrors() throws Exception {
        Path release = workDir("image-release").resolve("v");
        String text = execute("veilor:release --out " + release);
        assertTrue(text, text.contains("[image] producing"));
        assertTrue("veilor:release warns while the node profile holds the example L3b key", text.contains("image.yggdrasil-example-key"));
        Path recipe = release.resolve("image/recipes/recipe.yml");
        assertTrue(Files.readString(recipe).startsWith("# yaml-language-server: $schema=https://schema.blue-build.org/recipe-v1.json"));
        assertTrue(Files.size(release.resolve("image/files/veilor/veilor.tar.gz")) > 1_000_000);
        String lint = execute("image:lint " + release.resolve("image"));
        assertTrue(lint, lint.contains(": 0 error(s), 4 warning(s)"));
        // The only warnings: the shipped node profile's L3b placeholders (example key, example peers),
        // which the operator replaces before a real release.
        for (String line : lint.lines().filter(l -> l.startsWith("WARNING")).toList()) {
            assertTrue(line, line.startsWith("WARNING image.yggdrasil-example-"));
        }
    }

    @Test
    public void schemaValidationRunsInOsgi() throws Exception {
        Path tree = workDir("image-broken");
        Files.createDirectories(tree.resolve("recipes"));
        Files.writeString(tree.resolve("recipes/recipe.yml"), "name: x\ndescription: x\nbase-image: ghcr.io/secureblue/kinoite-main-hardened\n"
                + "image-version: 43\nmodules:\n  - type: dnf\n    install:\n      - sudo\n");
        try {
            execute("image:lint " + tree);
            fail("a dnf install list is a schema error");
        } catch (CommandFailed e) {
            assertTrue(e.output(), e.output().contains("ERROR image.schema"));
            assertTrue(e.output(), e.output().contains("dnf module"));
        }
    }

    @Test
    public void aFeatureRegisteringAContributionChangesTheRecipeAndUninstallingItRemovesIt() throws Exception {
        Path dir = workDir("image-contribution");
        Path before = dir.resolve("before");
        execute("image:render --out " + before);
        assertFalse(Files.readString(before.resolve("recipes/recipe.yml")).contains(ItestContribution.PACKAGE));

        addFeaturesRepository(contributionFeature(dir));
        installFeature("veilor-itest-contribution");
        Poll.assertEventually(TIMEOUT, () -> assertTrue(execute("image:contributions").contains(ItestContribution.ID)));
        Path with = dir.resolve("with");
        String out = execute("image:render --out " + with);
        assertTrue(out, out.contains("1 contribution(s)"));
        String recipe = Files.readString(with.resolve("recipes/recipe.yml"));
        assertTrue(recipe, recipe.contains("- " + ItestContribution.PACKAGE));
        assertEquals("contributed = yes\n", Files.readString(with.resolve("files/system" + ItestContribution.FILE)));
        String zone = Files.readString(with.resolve("files/system/usr/lib/firewalld/zones/veilor-tailnet.xml"));
        assertTrue(zone, zone.contains("port=\"4242\"") && zone.contains("port=\"8101\""));

        uninstallFeature("veilor-itest-contribution");
        Poll.assertEventually(TIMEOUT, () -> assertFalse(execute("image:contributions").contains(ItestContribution.ID)));
        execute("image:render --out " + with);
        assertFalse(Files.readString(with.resolve("recipes/recipe.yml")).contains(ItestContribution.PACKAGE));
        assertFalse(Files.exists(with.resolve("files/system" + ItestContribution.FILE)));
    }

    /** A bundle with the contribution classes from this test, and a feature installing it. */
    private static Path contributionFeature(Path dir) throws IOException {
        Path jar = dir.resolve("org.veilor.itest.contribution.jar");
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", ItestContribution.ID);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", ItestContributionActivator.class.getName());
        a.putValue("Import-Package", "org.osgi.framework,org.veilor.core,org.veilor.core.contrib");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m)) {
            for (Class<?> c : new Class<?>[] { ItestContribution.class, ItestContributionActivator.class }) {
                String name = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(name));
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
        }
        Path xml = dir.resolve("itest-contribution-features.xml");
        Files.writeString(xml, "<features name='veilor-itest-contribution' xmlns='http://karaf.apache.org/xmlns/features/v1.6.0'>\n"
                + "  <feature name='veilor-itest-contribution' version='1.0.0'><feature>veilor-core</feature>"
                + "<bundle>" + jar.toUri() + "</bundle></feature>\n</features>\n", StandardCharsets.UTF_8);
        return xml;
    }
}
