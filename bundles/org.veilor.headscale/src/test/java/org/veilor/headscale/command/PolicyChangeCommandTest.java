package org.veilor.headscale.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.internal.policy.TierModel;
import org.veilor.headscale.internal.policy.TierPolicyRenderer;
import org.veilor.headscale.internal.rollout.PolicyPush;
import org.veilor.headscale.internal.rollout.PushState;

/** headscale:policy --diff, --push with confirmation, --history and --rollback against the fake Headscale, history on H2. */
class PolicyChangeCommandTest extends CommandTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V = "0.29.2";
    /** The tier policy plus SSH from infra to admin: what a careless earlier edit could have left on the server. */
    private static final String INFRA_TO_ADMIN = "{\"action\": \"accept\", \"src\": [\"tag:infra\"], \"dst\": [\"tag:admin:22\"]},\n";

    private String tierPolicy;

    @BeforeEach
    void server() throws Exception {
        start(V);
        tierPolicy = TierPolicyRenderer.render(tier.settings().model(), HeadscaleVersion.parse(V));
    }

    private PolicyCommand command() {
        PolicyCommand c = new PolicyCommand();
        c.tier = tier;
        c.client = client;
        c.rollouts = rollouts;
        return c;
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private String withInfraToAdmin() {
        return tierPolicy.replace("\"acls\": [\n", "\"acls\": [\n    " + INFRA_TO_ADMIN);
    }

    private static Session answering(String... answers) throws Exception {
        Session s = mock(Session.class);
        when(s.get("USER")).thenReturn("alice");
        var stub = when(s.readLine(anyString(), isNull()));
        for (String a : answers) {
            stub = stub.thenReturn(a);
        }
        return s;
    }

    @Test
    void diffNamesTheGainedAndLostPairsFromTheEvaluator() throws Exception {
        TierModel m = tier.settings().model();
        TierModel noGuestWeb = new TierModel(m.adminMembers(), m.infraMembers(), m.adminUsers(), m.hosts(), List.of(), m.seedHosts(), m.seedPort(),
                m.guestPeerSeeding(), m.tailnetPrefixes());
        client.setPolicy(TierPolicyRenderer.render(noGuestWeb, HeadscaleVersion.parse(V)));
        PolicyCommand c = command();
        c.diff = true;
        String out = run(c);
        assertTrue(out.startsWith("Against the policy on " + fake.url() + " (Headscale " + V + ", stored "), out);
        assertTrue(out.contains("\n  tag:guest gains nullstone:443\n  tag:guest gains x.veilor:443\nPairs: "), "x.veilor is nullstone's address:\n" + out);
        assertTrue(out.endsWith("(2 gained, 0 lost).\nAll 9 checks pass.\n"), out);

        client.setPolicy(withInfraToAdmin());
        c.json = true;
        JsonNode diff = JSON.readTree(run(c));
        assertEquals(List.of("tag:infra loses tag:admin:22", "tag:infra loses onyx:22"),
                diff.path("losses").findValues("text").stream().map(JsonNode::asText).toList());
        assertEquals(0, diff.path("gains").size());
        assertEquals(diff.path("pairsBefore").asInt() - 2, diff.path("pairsAfter").asInt());
        assertEquals("tag:infra", diff.path("losses").get(0).path("source").asText());
        assertEquals("22", diff.path("losses").get(0).path("ports").asText());
        assertTrue(diff.path("checksPassed").asBoolean());

        client.setPolicy(tierPolicy);
        PolicyCommand tcp = command();
        tcp.diff = true;
        tcp.file = file("tcp.hujson", tierPolicy.replace("{\"action\": \"accept\", \"src\": [\"tag:guest\"],",
                "{\"action\": \"accept\", \"proto\": \"tcp\", \"src\": [\"tag:guest\"],")).toString();
        String proto = run(tcp);
        assertTrue(proto.contains("\n  tag:guest loses media:7867\n"), proto);
        assertTrue(proto.contains("\n  tag:guest gains media:7867 (tcp)\n"), proto);
    }

    @Test
    void losingPairsNeedsTheOperatorsYes() throws Exception {
        client.setPolicy(withInfraToAdmin());
        PolicyCommand c = command();
        c.push = true;
        c.quiet = true;
        Failed none = assertThrows(Failed.class, () -> run(c));
        assertEquals("the push loses allowed pairs and needs a confirmation: answer yes in an interactive shell, or give --yes; nothing was pushed",
                none.getMessage());
        assertTrue(none.output.contains("  tag:infra loses tag:admin:22\n"), "the losses are shown before the question:\n" + none.output);

        c.session = answering("no");
        assertEquals("not confirmed: nothing was pushed", assertThrows(Failed.class, () -> run(c)).getMessage());
        assertEquals(withInfraToAdmin(), fake.policy());
        assertTrue(rollouts.rollout().history().isEmpty());

        Session yes = answering("perhaps", "yes");
        c.session = yes;
        String out = run(c);
        verify(yes, org.mockito.Mockito.times(2)).readLine("Push and lose 2 pair(s)? (yes/no): ", null);
        assertTrue(out.contains("#1 is the last good policy."), out);
        PolicyPush p = rollouts.rollout().history().get(0);
        assertEquals("alice", p.pushedBy(), "who: the session's shell user");
        assertEquals("+0 -2", p.change());
        assertEquals(tierPolicy, fake.policy());
    }

    @Test
    void historyAndRollbackByHand() throws Exception {
        PolicyCommand first = command();
        first.push = true;
        first.yes = true;
        first.quiet = true;
        run(first);
        PolicyCommand second = command();
        second.push = true;
        second.quiet = true;
        second.file = file("second.hujson", tierPolicy.replace("\"acls\": [", "\"acls\": [\n    // second")).toString();
        String out = run(second);
        assertTrue(out.contains("  no allowed pair changes\n"), "a comment changes no pair, so no question:\n" + out);

        PolicyCommand history = command();
        history.history = true;
        String table = run(history);
        assertTrue(table.contains("file " + dir.resolve("second.hujson")), table);
        assertTrue(table.endsWith("2 stored policies.\n"), table);
        history.json = true;
        JsonNode json = JSON.readTree(run(history));
        assertEquals(2, json.get(0).path("id").asInt());
        assertEquals("good", json.get(0).path("state").asText());
        assertEquals(0, json.get(0).path("gained").asInt());
        assertEquals(json.get(1).path("pairs").asInt(), json.get(0).path("pairs").asInt());
        assertEquals("tier policy (org.veilor.headscale)", json.get(1).path("origin").asText());

        PolicyCommand back = command();
        back.rollback = true;
        back.quiet = true;
        String rolled = run(back);
        assertTrue(rolled.startsWith("Rolling back to #1 (tier policy (org.veilor.headscale), pushed "), rolled);
        assertTrue(rolled.contains("#3 is the last good policy."), rolled);
        assertEquals(tierPolicy, fake.policy());
        PolicyPush third = rollouts.rollout().history().get(0);
        assertEquals("rollback to #1", third.origin());
        assertEquals(PushState.GOOD, third.state());

        back.number = 2L;
        run(back);
        assertEquals(Files.readString(dir.resolve("second.hujson")), fake.policy());
        PolicyCommand stray = command();
        stray.number = 2L;
        assertEquals("a history number goes with --rollback", assertThrows(Failed.class, () -> run(stray)).getMessage());
    }

    @Test
    void anAutomaticRollbackFailsTheCommandWithItsFinding() throws Exception {
        FakeHeadscaleNodes.tier(fake);
        PolicyCommand c = command();
        c.push = true;
        c.yes = true;
        c.quiet = true;
        run(c);
        String onyx = fake.nodes().get(0).id();
        fake.onPolicyStored(p -> fake.online(onyx, !p.contains("cuts onyx off")));
        c.file = file("bad.hujson", tierPolicy.replace("\"acls\": [", "\"acls\": [\n    // cuts onyx off")).toString();
        Failed f = assertThrows(Failed.class, () -> run(c));
        assertTrue(f.getMessage().startsWith("push #2 ended rolled-back: ERROR headscale.policy-rolled-back at headscale policy #2: push #2: "
                + "tag:admin lost onyx"), f.getMessage());
        assertTrue(f.getMessage().endsWith("pushed back #1 as #3"), f.getMessage());
        assertTrue(f.output.contains("#2 tag:admin lost onyx"), f.output);
        assertEquals(tierPolicy, fake.policy());
    }

    @Test
    void aHandEditedFileThatIsNotHuJsonIsRefusedWithLineAndColumn() throws Exception {
        client.setPolicy(tierPolicy);
        Path bad = file("edited.hujson", """
                // hand-edited
                {
                  "acls": [
                    {"action": "accept", "src": ['tag:guest'], "dst": ["x.veilor:443"]},
                  ],
                }
                """);
        for (boolean push : new boolean[] { false, true }) {
            PolicyCommand c = command();
            c.diff = !push;
            c.push = push;
            c.yes = true;
            c.file = bad.toString();
            Failed f = assertThrows(Failed.class, () -> run(c));
            assertTrue(f.getMessage().startsWith("policy file " + bad + " is not HuJSON (JSON with // and /* */ comments and trailing commas): "
                    + "line 4, column 34: Unexpected character (''' (code 39))"), "the quote is the 34th character of line 4: " + f.getMessage());
        }
        PolicyCommand trailing = command();
        trailing.diff = true;
        trailing.file = file("two.hujson", "{\"acls\": []}\n{}\n").toString();
        String second = assertThrows(Failed.class, () -> run(trailing)).getMessage();
        assertTrue(second.endsWith("line 2, column 1: more text after the policy's closing brace (a policy is one object)"), second);
        assertEquals(tierPolicy, fake.policy(), "the server's policy is untouched");
        assertTrue(rollouts.rollout().history().isEmpty(), "nothing recorded");

        PolicyCommand hujson = command();
        hujson.diff = true;
        hujson.file = file("ok.hujson", tierPolicy.replace("\"dst\": [\"*:*\"]}", "\"dst\": [\"*:*\",],} /* trailing commas */")).toString();
        assertTrue(run(hujson).contains("no allowed pair changes"), "comments and trailing commas are HuJSON");
    }
}
