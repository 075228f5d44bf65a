package org.veilor.headscale.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.veilor.headscale.internal.Fixtures;
import org.veilor.headscale.internal.policy.Inventory.Node;

/** The evaluator on hand-written policies: which connection a rule allows, and test outcomes naming the rule. */
class PolicyEvaluatorTest {

    private static final TierModel MODEL = Fixtures.settings().model();
    private static final String HEAD = """
            {
              "groups": {"group:tailnet-admin": ["alice@"]},
              "tagOwners": {"tag:admin": ["group:tailnet-admin"], "tag:infra": ["group:tailnet-admin"], "tag:guest": ["group:tailnet-admin"]},
              "hosts": {"nullstone": "100.64.0.2", "office": "100.64.0.3", "x.veilor": "100.64.0.2", "lan": "10.0.0.0/24"},
            """;

    private static PolicyEvaluator evaluator(String acls) throws PolicyException {
        return new PolicyEvaluator(PolicyParser.parse(HEAD + "\"acls\": [" + acls + "]}", true), Inventory.of(MODEL));
    }

    private static Node node(String name) {
        return Inventory.of(MODEL).nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static final Node GUEST = new Node("guest", Set.of("tag:guest"), null, null, Set.of());

    @Test
    void tagRuleAllowsOnlyItsPorts() throws Exception {
        PolicyEvaluator e = evaluator("{\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"x.veilor:443,8443\", \"office:1000-2000\"]}");
        assertTrue(e.allowing(GUEST, node("nullstone"), 443, "").isPresent(), "x.veilor is nullstone's address");
        assertTrue(e.allowing(GUEST, node("nullstone"), 8443, "").isPresent());
        assertFalse(e.allowing(GUEST, node("nullstone"), 22, "").isPresent());
        assertTrue(e.allowing(GUEST, node("office"), 1500, "").isPresent());
        assertFalse(e.allowing(GUEST, node("office"), 2001, "").isPresent());
        assertFalse(e.allowing(node("office"), node("nullstone"), 443, "").isPresent(), "the rule's source is tag:guest only");
    }

    @Test
    void wildcardGroupsUsersAndPrefixesMatch() throws Exception {
        PolicyEvaluator e = evaluator("""
                {"action": "accept", "src": ["group:tailnet-admin"], "dst": ["*:*"]},
                {"action": "accept", "src": ["100.64.0.3"], "dst": ["tag:infra:22"]},
                {"action": "accept", "src": ["bob@"], "dst": ["lan:80"]}""");
        Node alice = new Node("alice", Set.of(), null, "alice", Set.of());
        assertTrue(e.allowing(alice, node("office"), 5432, "").isPresent());
        assertTrue(e.allowing(node("office"), node("nullstone"), 22, "").isPresent());
        assertFalse(e.allowing(node("nullstone"), node("office"), 22, "").isPresent(), "only office's address is a source");
        Node bob = new Node("bob", Set.of(), null, "bob", Set.of());
        Node lanHost = new Node("printer", Set.of(), IpPrefix.parse("10.0.0.7"), null, Set.of());
        assertTrue(e.allowing(bob, lanHost, 80, "").isPresent());
        assertFalse(e.allowing(bob, new Node("far", Set.of(), IpPrefix.parse("10.0.1.7"), null, Set.of()), 80, "").isPresent());
    }

    @Test
    void protocolOfRuleAndTest() throws Exception {
        PolicyEvaluator e = evaluator("{\"action\": \"accept\", \"src\": [\"tag:guest\"], \"proto\": \"udp\", \"dst\": [\"media:7867\"]}".replace("media", "office"));
        assertTrue(e.allowing(GUEST, node("office"), 7867, "udp").isPresent());
        assertTrue(e.allowing(GUEST, node("office"), 7867, "").isPresent(), "a test without proto means TCP and UDP");
        assertFalse(e.allowing(GUEST, node("office"), 7867, "tcp").isPresent());
        assertFalse(e.allowing(GUEST, node("office"), 7867, "icmp").isPresent());
    }

    @Test
    void testsPassAndFailNamingTheRule() throws Exception {
        String policy = HEAD + """
                "acls": [
                  {"action": "accept", "src": ["tag:infra"], "dst": ["tag:infra:*"]},
                  {"action": "accept", "src": ["tag:guest"], "dst": ["x.veilor:443"]},
                  {"action": "accept", "src": ["tag:guest"], "dst": ["office:22"]}
                ],
                "tests": [
                  {"src": "tag:guest", "accept": ["x.veilor:443"], "deny": ["nullstone:22"]},
                  {"src": "tag:guest", "deny": ["tag:infra:22"]},
                  {"src": "tag:infra", "accept": ["tag:admin:22"]}
                ]}""";
        PolicyEvaluator e = new PolicyEvaluator(PolicyParser.parse(policy, true), Inventory.of(MODEL));
        List<PolicyTest> tests = e.policy().tests();
        CheckResult ok = e.run(tests.get(0));
        assertTrue(ok.passed(), ok.failures().toString());
        CheckResult leak = e.run(tests.get(1));
        assertFalse(leak.passed());
        assertEquals(1, leak.failures().size(), leak.failures().toString());
        assertTrue(leak.failures().get(0).contains("tag:guest must not reach tag:infra:22 but acls[2]"), leak.failures().get(0));
        assertTrue(leak.failures().get(0).contains("\"office:22\""), "the offending rule is quoted: " + leak.failures().get(0));
        assertTrue(leak.failures().get(0).contains("(to office)"), leak.failures().get(0));
        CheckResult missing = e.run(tests.get(2));
        assertFalse(missing.passed());
        assertTrue(missing.failures().get(0).contains("must reach tag:admin:22 but no rule allows it"), missing.failures().get(0));
    }

    @Test
    void refusesWhatHeadscaleWouldNotLoad() {
        PolicyException tag = assertThrows(PolicyException.class,
                () -> evaluator("{\"action\": \"accept\", \"src\": [\"tag:robots\"], \"dst\": [\"*:*\"]}"));
        assertTrue(tag.getMessage().startsWith("acls[0].src[0]: tag:robots is not defined in tagOwners"), tag.getMessage());
        PolicyException host = assertThrows(PolicyException.class,
                () -> evaluator("{\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"nowhere:443\"]}"));
        assertTrue(host.getMessage().startsWith("acls[0].dst[0]: 'nowhere' is not a host"), host.getMessage());
        PolicyException action = assertThrows(PolicyException.class,
                () -> evaluator("{\"action\": \"drop\", \"src\": [\"tag:guest\"], \"dst\": [\"*:*\"]}"));
        assertTrue(action.getMessage().startsWith("acls[0].action must be \"accept\""), action.getMessage());
        PolicyException ports = assertThrows(PolicyException.class,
                () -> evaluator("{\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"office:http\"]}"));
        assertTrue(ports.getMessage().contains("acls[0].dst[0]: 'office:http'"), ports.getMessage());
        PolicyException syntax = assertThrows(PolicyException.class, () -> PolicyParser.parse("{\n \"acls\": [\n  {\"src\" ]\n}", true));
        assertTrue(syntax.getMessage().startsWith("the policy is not valid HuJSON at line 3"), syntax.getMessage());
        PolicyException grants = assertThrows(PolicyException.class,
                () -> PolicyParser.parse("{\"grants\": [{\"src\": [\"*\"], \"dst\": [\"*\"], \"ip\": [\"*\"]}]}", true));
        assertTrue(grants.getMessage().startsWith("grants:"), grants.getMessage());
    }

    @Test
    void huJsonCommentsAndTrailingCommasAreRead() throws Exception {
        Policy p = PolicyParser.parse("""
                // a comment
                {
                  /* block */ "tagOwners": {"tag:guest": [],},
                  "acls": [{"action": "accept", "src": ["tag:guest"], "dst": ["100.64.0.2:443"],},],
                }""", true);
        assertEquals(1, p.acls().size());
        assertEquals(Alias.Kind.PREFIX, p.acls().get(0).dst().get(0).alias().kind());
    }

    @Test
    void beforeHeadscale026BareNamesAreUsers() throws Exception {
        Policy p = PolicyParser.parse("{\"groups\": {\"group:a\": [\"alice\"]}, \"acls\": [{\"action\": \"accept\", \"src\": [\"alice\"], \"dst\": [\"*:22\"]}]}", false);
        assertEquals(Alias.Kind.USER, p.acls().get(0).src().get(0).kind());
        PolicyEvaluator e = new PolicyEvaluator(p, Inventory.of(MODEL));
        assertTrue(e.allowing(new Node("a", Set.of(), null, "alice", Set.of()), node("office"), 22, "").isPresent());
    }
}
