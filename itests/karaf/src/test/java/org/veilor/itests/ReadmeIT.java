package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.veilor.testsupport.Poll;

/**
 * The README cannot drift from the distribution: every PID its tables list (read at test time, so
 * new rows are covered) is documented by Karaf 4.4's {@code config:meta <pid>} once the feature
 * of its row is installed — a factory PID as one — with every key the README names for it; and
 * the ways the README gives to create a configuration work as written.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReadmeIT extends VeilorTestSupport {

    @Override
    protected Option[] extraOptions() {
        return new Option[] { systemProperty("veilor.readme").value(System.getProperty("veilor.readme")) };
    }

    private static List<ReadmeTables.Pid> readme() throws Exception {
        Path readme = Path.of(System.getProperty("veilor.readme"));
        List<ReadmeTables.Pid> pids = ReadmeTables.read(readme);
        // Guards the parser: the README certainly lists core's PIDs and the radio factory.
        assertTrue(readme + " lists " + pids, pids.stream().anyMatch(p -> p.pid().equals("org.veilor.core")
                && p.keys().contains("hostRoot") && "veilor-core".equals(p.feature())));
        assertTrue(readme + " lists " + pids, pids.stream().anyMatch(p -> p.pid().equals("org.veilor.rnode.radio") && p.factory()));
        return pids;
    }

    @Test
    public void configMetaDocumentsEveryPidTheReadmeListsWithTheKeysItNames() throws Exception {
        List<String> problems = new ArrayList<>();
        for (ReadmeTables.Pid p : readme()) {
            String where = "README.md:" + p.line() + ": " + p.pid();
            if (p.feature() == null) {
                problems.add(where + " has no feature in the README's tables (the Concerns table names one per PID)");
                continue;
            }
            if (!installed(p.feature())) {
                installFeature(p.feature());
            }
            String header = "Meta type informations for " + (p.factory() ? "factory pid: " : "pid: ") + p.pid();
            String meta;
            try {
                // The metatype is read once the feature's bundle is there: poll for it.
                meta = Poll.until(TIMEOUT, "config:meta " + p.pid(), () -> {
                    String out = execute("config:meta " + p.pid());
                    return out.contains("No meta type definition found") ? null : out;
                });
            } catch (AssertionError e) {
                problems.add(where + ": config:meta " + p.pid() + " says no meta type definition found (feature " + p.feature() + ")");
                continue;
            }
            if (!meta.contains(header)) {
                problems.add(where + ": expected \"" + header + "\" from config:meta, got: " + meta.lines().findFirst().orElse(""));
            }
            for (String key : p.keys()) {
                if (!Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*\\|").matcher(meta).find()) {
                    problems.add(where + ": the README names key '" + key + "', config:meta does not list it");
                }
            }
        }
        assertEquals("README PIDs against config:meta in the distribution", List.of(), problems);
    }

    @Test
    public void theWaysTheReadmeGivesToCreateAConfigurationWork() throws Exception {
        readme();
        if (!installed("veilor-rnode")) {
            installFeature("veilor-rnode");
        }
        if (!installed("veilor-reticulum")) {
            installFeature("veilor-reticulum");
        }
        waitForCommand("rnode:status");

        // config:meta -c <pid>: a configuration from the OCD's defaults.
        String pid = "org.veilor.mesh.reticulum";
        assertNotNull(Poll.until(TIMEOUT, "the metatype of " + pid, () -> !execute("config:meta " + pid).contains("No meta type")));
        assertEquals(null, configAdmin.listConfigurations("(service.pid=" + pid + ")"));
        execute("config:meta -c " + pid);
        Configuration[] created = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        assertNotNull("config:meta -c created " + pid, created);
        Dictionary<String, Object> props = created[0].getProperties();
        assertEquals("true", String.valueOf(props.get("autoInterface")));
        assertEquals("reticulum", String.valueOf(props.get("autoInterfaceGroupId")));

        // A factory instance by file: etc/<factory pid>-<name>.cfg becomes <factory pid>~<name> (fileinstall).
        Path port = workDir("readme").resolve("no-radio-here");
        Files.writeString(karafEtc().resolve("org.veilor.rnode.radio-byfile.cfg"), "port = " + port + "\nfrequency = 869525000\n");
        awaitRadio("byfile", "org.veilor.rnode.radio~byfile");

        // A factory instance at the shell: config:edit --factory --alias, property-set (name too), update.
        String out = script("config:edit --factory --alias readme org.veilor.rnode.radio", "config:property-set name readme",
                "config:property-set port " + port, "config:property-set frequency 869525000", "config:update");
        assertTrue(out, Files.exists(karafEtc().resolve("org.veilor.rnode.radio-readme.cfg")));
        Configuration[] shell = configAdmin.listConfigurations("(&(service.factoryPid=org.veilor.rnode.radio)(name=readme))");
        assertNotNull(out, shell);
        awaitRadio("readme", shell[0].getPid());

        Files.delete(karafEtc().resolve("org.veilor.rnode.radio-byfile.cfg"));
        shell[0].delete();
        created[0].delete();
        Poll.assertEventually(TIMEOUT, () -> assertFalse(executeJson("rnode:status --json").get("radios").toString(),
                executeJson("rnode:status --json").get("radios").elements().hasNext()));
    }

    /** A radio with this name and PID shows in rnode:status (absent: its port does not exist). */
    private void awaitRadio(String name, String pid) throws Exception {
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode status = executeJson("rnode:status --json");
            JsonNode found = null;
            for (JsonNode r : status.get("radios")) {
                found = name.equals(r.get("name").asText()) ? r : found;
            }
            assertNotNull(status.toString(), found);
            assertEquals(pid, found.get("pid").asText());
            assertEquals(found.toString(), "absent", found.get("state").asText());
        });
    }

    /**
     * Runs commands in one shell session (config:edit keeps its state per session) as an admin:
     * Karaf's command ACL (etc/org.apache.karaf.command.acl.config.cfg) gives config:edit,
     * property-set and update to the manager role, which the distribution's admin group (an admin
     * key over SSH) carries. Returns what they printed.
     */
    private String script(String... commands) throws Exception {
        waitForCommand("config:edit");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("readme-admin"));
        for (String role : List.of("admin", "manager", "viewer", "systembundles", "ssh")) { // _g_:admingroup
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        Subject.doAs(admin, (PrivilegedExceptionAction<Void>) () -> {
            Session session = sessionFactory.create(System.in, out, out);
            try {
                for (String c : commands) {
                    session.execute(c);
                }
            } finally {
                session.close();
            }
            return null;
        });
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
