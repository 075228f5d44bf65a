package org.veilor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.ConfigException;
import org.veilor.core.ReleaseStage;

/** The one validation method of each core configuration type. */
class SettingsTest {

    private static final UnaryOperator<String> KARAF = name -> Map.of("karaf.data", "/srv/k/data",
            "karaf.base", "/srv/k", "karaf.home", "/usr/lib/veilor").get(name);

    @TempDir
    Path tmp;

    private static CoreConfig core(String root, String path, String release) {
        CoreConfig c = mock(CoreConfig.class);
        when(c.hostRoot()).thenReturn(root);
        when(c.executablePath()).thenReturn(path);
        when(c.release()).thenReturn(release);
        return c;
    }

    @Test
    void placeholdersExpandKarafFoldersAndEnvironment() {
        assertEquals("/srv/k/data/veilor/host", Placeholders.expand("${karaf.data}/veilor/host", KARAF, Map.of()));
        assertEquals("/bin:/usr/bin", Placeholders.expand("${env.PATH}", KARAF, Map.of("PATH", "/bin:/usr/bin")));
        assertEquals("", Placeholders.expand("${env.NOPE}", KARAF, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Placeholders.expand("${user.home}/x", KARAF, Map.of()));
        assertTrue(e.getMessage().contains("unknown placeholder ${user.home}"));
        assertThrows(IllegalArgumentException.class, () -> Placeholders.expand("${karaf.nope}", KARAF, Map.of()));
    }

    @Test
    void hostSettingsExpandAndCheck() {
        HostSettings s = HostSettings.validate(core("${karaf.data}/veilor/host", "/opt/fake:${env.PATH}", "v0.7"), KARAF,
                Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(Path.of("/srv/k/data/veilor/host"), s.root());
        assertEquals(List.of(Path.of("/opt/fake"), Path.of("/usr/bin"), Path.of("/bin")), s.searchPath());

        ConfigException rel = assertThrows(ConfigException.class,
                () -> HostSettings.validate(core("relative/root", "/bin", "v0.7"), KARAF, Map.of()));
        assertEquals("org.veilor.core: hostRoot = 'relative/root' is invalid: must be an absolute path", rel.getMessage());
        ConfigException empty = assertThrows(ConfigException.class,
                () -> HostSettings.validate(core("/", "${env.NOPE}", "v0.7"), KARAF, Map.of()));
        assertEquals("executablePath", empty.key());
    }

    @Test
    void gateSettingsNameTheBadStage() {
        assertEquals(ReleaseStage.V0_8, GateSettings.validate(core("/", "/bin", "v0.8")).stage());
        ConfigException e = assertThrows(ConfigException.class, () -> GateSettings.validate(core("/", "/bin", "0.7")));
        assertEquals("org.veilor.core: release = '0.7' is invalid: not a release stage (allowed: v0.5, v0.7, v0.8, v1.0)",
                e.getMessage());
    }

    @Test
    void profileSettingsSplitAndCheckFeatures() {
        ProfileConfig p = mock(ProfileConfig.class);
        when(p.name()).thenReturn("node");
        when(p.features()).thenReturn(new String[] { "veilor-core, veilor-mesh", " ", "veilor-mesh" });
        when(p.reconcileSeconds()).thenReturn(30);
        assertEquals(List.of("veilor-core", "veilor-mesh"), ProfileSettings.validate(p).features());
        when(p.features()).thenReturn(new String[] { "veilor core" });
        assertEquals("features", assertThrows(ConfigException.class, () -> ProfileSettings.validate(p)).key());
        when(p.features()).thenReturn(new String[0]);
        when(p.reconcileSeconds()).thenReturn(1);
        assertEquals("org.veilor.core.profile: reconcileSeconds = '1' is invalid: must be 5..3600",
                assertThrows(ConfigException.class, () -> ProfileSettings.validate(p)).getMessage());
    }

    @Test
    void databaseSettingsDeriveTheDriverAndReadThePasswordFile() throws Exception {
        DatabaseConfig d = mock(DatabaseConfig.class);
        when(d.url()).thenReturn("jdbc:h2:file:${karaf.data}/veilor/db/veilor;MODE=PostgreSQL");
        when(d.user()).thenReturn("veilor");
        when(d.passwordFile()).thenReturn("");
        when(d.poolSize()).thenReturn(8);
        when(d.connectionTimeoutSeconds()).thenReturn(10);
        DatabaseSettings h2 = DatabaseSettings.validate(d, KARAF);
        assertEquals("org.h2.Driver", h2.driverClass());
        assertEquals(Path.of("/srv/k/data/veilor/db"), h2.h2Folder());
        assertEquals("jdbc:h2:file:/srv/k/data/veilor/db/veilor", h2.displayUrl());

        Path pw = Files.writeString(tmp.resolve("pw"), "s3cret\n");
        when(d.url()).thenReturn("jdbc:postgresql://db.example:5432/veilor?sslmode=require");
        when(d.passwordFile()).thenReturn(pw.toString());
        DatabaseSettings pg = DatabaseSettings.validate(d, KARAF);
        assertEquals("org.postgresql.Driver", pg.driverClass());
        assertEquals("s3cret", pg.password());
        assertTrue(!pg.toString().contains("s3cret"), "the password never appears in toString");

        when(d.passwordFile()).thenReturn(tmp.resolve("missing").toString());
        assertEquals("passwordFile", assertThrows(ConfigException.class, () -> DatabaseSettings.validate(d, KARAF)).key());
        when(d.url()).thenReturn("jdbc:mysql://x/y");
        assertTrue(assertThrows(ConfigException.class, () -> DatabaseSettings.validate(d, KARAF)).getMessage()
                .contains("only jdbc:h2: and jdbc:postgresql: URLs are supported"));
        when(d.url()).thenReturn("jdbc:h2:tcp://x/y");
        assertThrows(ConfigException.class, () -> DatabaseSettings.validate(d, KARAF));
    }

    @Test
    void scrFailuresAreShortenedToTheMessage() {
        assertEquals("org.veilor.core: release = 'v0.6' is invalid",
                ComponentStates.firstLine("org.veilor.core.ConfigException: org.veilor.core: release = 'v0.6' is invalid\n\tat x"));
        assertEquals("activation failed", ComponentStates.firstLine(null));
        assertEquals("Unable to get service for reference $002",
                ComponentStates.firstLine("Unable to get service for reference $002"));
    }
}
