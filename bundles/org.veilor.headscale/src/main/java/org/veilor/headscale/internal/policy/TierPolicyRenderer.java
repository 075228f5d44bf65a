package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.veilor.headscale.HeadscaleVersion;

/**
 * Renders the tier policy as HuJSON for one Headscale version: groups, {@code tagOwners} for every
 * tag used, hosts, acls, and the tier {@code tests} only where the version accepts them (0.29+;
 * 0.27–0.28 refuse unknown keys, 0.26 ignores them). Users are written {@code name@} from 0.26 and
 * bare before.
 */
public final class TierPolicyRenderer {

    private TierPolicyRenderer() {
    }

    public static String render(TierModel m, HeadscaleVersion version) {
        HuJsonWriter w = new HuJsonWriter();
        w.comment("Veilor tier policy for Headscale " + version + ", rendered by org.veilor.headscale from PID org.veilor.headscale.\n"
                + "Veilor evaluates it against the tier promises before every push; edit the configuration, not this file.");
        w.beginObject(null);

        w.comment(TierModel.ADMIN_GROUP + ": the people in the OIDC group tailnet-admin (the failsafe way in when no admin key is at hand).");
        w.beginObject("groups");
        w.value(TierModel.ADMIN_GROUP, m.adminUsers().stream().map(u -> user(u, version)).toList());
        w.endObject();

        w.comment("Every tag used below is defined here (Headscale refuses a policy naming an unknown tag); only admins assign tags.");
        w.beginObject("tagOwners");
        for (String tag : List.of(TierModel.ADMIN, TierModel.INFRA, TierModel.GUEST)) {
            w.value(tag, List.of(TierModel.ADMIN_GROUP));
        }
        w.endObject();

        w.comment("Named destinations; Headscale hosts take IPs, not DNS names.");
        w.beginObject("hosts");
        m.hosts().forEach((name, address) -> w.value(name, address.toString()));
        w.endObject();

        w.beginArray("acls");
        w.comment(TierModel.ADMIN + " (" + String.join(", ", m.adminMembers()) + ") and " + TierModel.ADMIN_GROUP + " reach everything.");
        w.value(null, rule(List.of(TierModel.ADMIN, TierModel.ADMIN_GROUP), List.of("*:*")));
        w.comment(TierModel.INFRA + " (" + String.join(", ", m.infraMembers()) + ") reach each other; only admins reach them otherwise"
                + (m.guestEndpoints().isEmpty() ? "." : " (and guests at their destinations)."));
        w.value(null, rule(List.of(TierModel.INFRA), List.of(TierModel.INFRA + ":*")));
        List<String> guestDst = new ArrayList<>();
        m.guestEndpoints().forEach(e -> guestDst.add(e.toString()));
        if (!guestDst.isEmpty()) {
            w.comment(TierModel.GUEST + " reach only " + String.join(", ", guestDst) + ".");
            w.value(null, rule(List.of(TierModel.GUEST), guestDst));
        }
        if (m.guestPeerSeeding()) {
            w.comment("Guest-to-guest seeding is on: guests reach each other on the seed port only.");
            w.value(null, rule(List.of(TierModel.GUEST), List.of(TierModel.GUEST + ":" + m.seedPort())));
        }
        w.endArray();

        if (version.policyAcceptsTests()) {
            w.comment("The tier promises; Headscale runs them on every policy change and refuses a policy that breaks one.");
            w.beginArray("tests");
            for (Map<String, Object> t : TierTests.of(m)) {
                w.value(null, t);
            }
            w.endArray();
        }
        w.endObject();
        return w.toString();
    }

    private static Map<String, Object> rule(List<String> src, List<String> dst) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("action", "accept");
        r.put("src", src);
        r.put("dst", dst);
        return r;
    }

    /** {@code alice@} from 0.26; the bare name before (an e-mail stays as it is). */
    static String user(String configured, HeadscaleVersion version) {
        String bare = PolicyEvaluator.stripAt(configured);
        if (!version.policyUsersEndWithAt()) {
            return bare;
        }
        return bare.contains("@") ? bare : bare + "@";
    }
}
