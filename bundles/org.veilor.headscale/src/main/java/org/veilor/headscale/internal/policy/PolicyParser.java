package org.veilor.headscale.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a HuJSON policy into what the evaluator needs, refusing what Headscale would refuse to load
 * (mesh-radio.md §2.2): an action other than {@code accept}, an unknown alias, a tag missing from
 * {@code tagOwners}, an undefined group. Every message names the place ({@code acls[2].dst[0]}).
 */
public final class PolicyParser {

    private static final Set<String> ACL_KEYS = Set.of("action", "src", "proto", "dst");
    private static final Set<String> TEST_KEYS = Set.of("src", "proto", "accept", "deny");

    /**
     * A policy without {@code acls} and without {@code grants} (such as {@code {}}) lets every machine
     * reach every other on every port (mesh-radio.md §2.2); empty {@code acls} deny everything.
     */
    static final AclRule ALLOW_ALL = new AclRule(0, List.of(new Alias(Alias.Kind.WILDCARD, "*", null)), "",
            List.of(new AclRule.Destination(new Alias(Alias.Kind.WILDCARD, "*", null), PortSet.ALL, "*:*")),
            "(no acls and no grants: Headscale allows all)");

    private PolicyParser() {
    }

    /**
     * @param usersEndWithAt whether users are written {@code name@} (0.26+); before, a bare name
     *        that is not a host is a user
     */
    public static Policy parse(String hujson, boolean usersEndWithAt) throws PolicyException {
        JsonNode root = HuJson.read(hujson);
        if (!root.isObject()) {
            throw new PolicyException("the policy must be a JSON object");
        }
        if (root.has("grants") && root.get("grants").size() > 0) {
            throw new PolicyException("grants: Veilor evaluates acls only and cannot prove the tier promises of a policy with grants; write the rules as acls");
        }
        Set<String> keys = new LinkedHashSet<>();
        root.fieldNames().forEachRemaining(keys::add);
        Map<String, List<String>> groups = stringLists(root.path("groups"), "groups", "group:");
        Map<String, List<String>> tagOwners = stringLists(root.path("tagOwners"), "tagOwners", "tag:");
        Map<String, IpPrefix> hosts = hosts(root.path("hosts"));
        Policy shell = new Policy(groups, hosts, tagOwners, List.of(), List.of(), keys, usersEndWithAt);
        List<AclRule> acls = root.has("acls") || root.has("grants") ? acls(root.path("acls"), shell) : List.of(ALLOW_ALL);
        List<PolicyTest> tests = tests(root.path("tests"), shell, "tests");
        for (Map.Entry<String, List<String>> e : tagOwners.entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                String owner = e.getValue().get(i);
                if (owner.startsWith("tag:") || owner.startsWith("group:")) {
                    aliasOf(owner, shell, "tagOwners." + e.getKey() + "[" + i + "]");
                }
            }
        }
        return new Policy(groups, hosts, tagOwners, acls, tests, keys, usersEndWithAt);
    }

    /** Parses a {@code tests} array against a parsed policy (its hosts, groups and tags). */
    public static List<PolicyTest> tests(JsonNode array, Policy policy, String where) throws PolicyException {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new PolicyException(where + " must be an array");
        }
        List<PolicyTest> tests = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = where + "[" + i + "]";
            JsonNode t = array.get(i);
            checkKeys(t, TEST_KEYS, at);
            if (!t.path("src").isTextual()) {
                throw new PolicyException(at + ".src must be one alias (a string)");
            }
            Alias src = aliasOf(t.get("src").asText(), policy, at + ".src");
            tests.add(new PolicyTest(at, src, t.path("proto").asText(""), targets(t.path("accept"), policy, at + ".accept"),
                    targets(t.path("deny"), policy, at + ".deny")));
        }
        return tests;
    }

    private static List<PolicyTest.Target> targets(JsonNode array, Policy policy, String where) throws PolicyException {
        List<PolicyTest.Target> targets = new ArrayList<>();
        List<String> texts = strings(array, where);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String at = where + "[" + i + "]";
            String[] split = splitPorts(text, at);
            PortSet ports = portsOf(split[1], at, text);
            int port;
            try {
                port = Integer.parseInt(split[1].strip());
            } catch (NumberFormatException e) {
                throw new PolicyException(at + ": '" + text + "' must name one port (host:port), not " + ports);
            }
            targets.add(new PolicyTest.Target(aliasOf(split[0], policy, at), port, text));
        }
        return targets;
    }

    private static List<AclRule> acls(JsonNode array, Policy policy) throws PolicyException {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new PolicyException("acls must be an array");
        }
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "acls[" + i + "]";
            JsonNode r = array.get(i);
            checkKeys(r, ACL_KEYS, at);
            if (!"accept".equals(r.path("action").asText())) {
                throw new PolicyException(at + ".action must be \"accept\", not " + r.path("action"));
            }
            List<Alias> src = new ArrayList<>();
            List<String> srcTexts = strings(r.path("src"), at + ".src");
            for (int j = 0; j < srcTexts.size(); j++) {
                src.add(aliasOf(srcTexts.get(j), policy, at + ".src[" + j + "]"));
            }
            List<AclRule.Destination> dst = new ArrayList<>();
            List<String> dstTexts = strings(r.path("dst"), at + ".dst");
            for (int j = 0; j < dstTexts.size(); j++) {
                String dat = at + ".dst[" + j + "]";
                String[] split = splitPorts(dstTexts.get(j), dat);
                dst.add(new AclRule.Destination(aliasOf(split[0], policy, dat), portsOf(split[1], dat, dstTexts.get(j)),
                        dstTexts.get(j)));
            }
            if (src.isEmpty() || dst.isEmpty()) {
                throw new PolicyException(at + " needs at least one src and one dst");
            }
            rules.add(new AclRule(i, src, r.path("proto").asText(""), dst, r.toString()));
        }
        return rules;
    }

    /** Classifies an alias; see {@link Alias}. */
    static Alias aliasOf(String raw, Policy policy, String where) throws PolicyException {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new PolicyException(where + ": empty alias");
        }
        if (IpPrefix.looksLikeIp(text)) {
            try {
                return new Alias(Alias.Kind.PREFIX, text, IpPrefix.parse(text));
            } catch (IllegalArgumentException e) {
                throw new PolicyException(where + ": " + e.getMessage());
            }
        }
        if (text.equals("*")) {
            return new Alias(Alias.Kind.WILDCARD, text, null);
        }
        if (text.contains("@")) {
            return new Alias(Alias.Kind.USER, text, null);
        }
        if (text.startsWith("group:")) {
            if (!policy.groups().containsKey(text)) {
                throw new PolicyException(where + ": " + text + " is not defined in groups");
            }
            return new Alias(Alias.Kind.GROUP, text, null);
        }
        if (text.startsWith("tag:")) {
            if (!policy.tagOwners().containsKey(text)) {
                throw new PolicyException(where + ": " + text + " is not defined in tagOwners (Headscale refuses the policy: tag not found)");
            }
            return new Alias(Alias.Kind.TAG, text, null);
        }
        if (text.startsWith("autogroup:")) {
            return new Alias(Alias.Kind.AUTOGROUP, text, null);
        }
        IpPrefix host = policy.hosts().get(text);
        if (host != null) {
            return new Alias(Alias.Kind.HOST, text, host);
        }
        if (!policy.usersEndWithAt()) {
            return new Alias(Alias.Kind.USER, text, null);
        }
        throw new PolicyException(where + ": '" + text + "' is not a host in hosts, nor a user (users are written name@), tag, group or address");
    }

    /** Splits {@code alias:ports} at the last colon ({@code [v6]:22} brackets allowed). */
    private static String[] splitPorts(String text, String where) throws PolicyException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new PolicyException(where + ": '" + text + "' is not alias:ports");
        }
        String alias = text.substring(0, colon);
        if (alias.startsWith("[") && alias.endsWith("]")) {
            alias = alias.substring(1, alias.length() - 1);
        }
        return new String[] { alias, text.substring(colon + 1) };
    }

    private static PortSet portsOf(String ports, String where, String whole) throws PolicyException {
        try {
            return PortSet.parse(ports);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(where + ": '" + whole + "': " + e.getMessage());
        }
    }

    private static Map<String, IpPrefix> hosts(JsonNode node) throws PolicyException {
        Map<String, IpPrefix> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : entries(node, "hosts").entrySet()) {
            if (e.getValue().size() != 1) {
                throw new PolicyException("hosts." + e.getKey() + " must be one IP address or prefix (a string)");
            }
            try {
                hosts.put(e.getKey(), IpPrefix.parse(e.getValue().get(0)));
            } catch (IllegalArgumentException ex) {
                throw new PolicyException("hosts." + e.getKey() + ": " + ex.getMessage() + " (Headscale hosts take IPs, not DNS names)");
            }
        }
        return hosts;
    }

    private static Map<String, List<String>> stringLists(JsonNode node, String where, String keyPrefix) throws PolicyException {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : entries(node, where).entrySet()) {
            if (!e.getKey().startsWith(keyPrefix)) {
                throw new PolicyException(where + ": key '" + e.getKey() + "' must start with '" + keyPrefix + "'");
            }
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    /** Object entries whose values are a string or an array of strings. */
    private static Map<String, List<String>> entries(JsonNode node, String where) throws PolicyException {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw new PolicyException(where + " must be an object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            map.put(e.getKey(), v.isTextual() ? List.of(v.asText()) : strings(v, where + "." + e.getKey()));
        }
        return map;
    }

    private static List<String> strings(JsonNode array, String where) throws PolicyException {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new PolicyException(where + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw new PolicyException(where + "[" + i + "] must be a string, not " + array.get(i));
            }
            out.add(array.get(i).asText());
        }
        return out;
    }

    private static void checkKeys(JsonNode entry, Set<String> allowed, String where) throws PolicyException {
        if (!entry.isObject()) {
            throw new PolicyException(where + " must be an object");
        }
        Iterator<String> names = entry.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!allowed.contains(k) && !k.startsWith("#")) {
                throw new PolicyException(where + ": unknown key '" + k + "' (allowed: " + allowed + ")");
            }
        }
    }
}
