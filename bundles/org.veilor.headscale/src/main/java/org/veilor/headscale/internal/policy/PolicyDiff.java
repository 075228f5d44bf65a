package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a policy change does to the allowed pairs: the ports each source gains and loses on each
 * destination ({@link PolicyPairs#diffTo}), in words an operator reads before pushing.
 *
 * @param gains pairs gained (the ports newly allowed)
 * @param losses pairs lost (the ports no longer allowed)
 * @param pairsBefore how many pairs the old policy allows
 * @param pairsAfter how many pairs the new one allows
 */
public record PolicyDiff(List<Change> gains, List<Change> losses, int pairsBefore, int pairsAfter) {

    /**
     * One change for one source and destination.
     *
     * @param source a tag, group, user, host or alias
     * @param destination a tag, host, group or alias
     * @param proto {@code ""} for every protocol, else the rule's protocol
     * @param ports the ports gained or lost
     */
    public record Change(String source, String destination, String proto, String ports) {

        /** {@code tag:guest gains x.veilor:443} or {@code tag:infra loses tag:admin:22}. */
        public String words(String verb) {
            return source + " " + verb + " " + destination + ":" + ports + (proto.isEmpty() ? "" : " (" + proto + ")");
        }
    }

    public PolicyDiff {
        gains = List.copyOf(gains);
        losses = List.copyOf(losses);
    }

    public boolean isEmpty() {
        return gains.isEmpty() && losses.isEmpty();
    }

    public boolean losesAny() {
        return !losses.isEmpty();
    }

    /** Losses first (they need confirmation), then gains; one line each. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        losses.forEach(c -> out.add(c.words("loses")));
        gains.forEach(c -> out.add(c.words("gains")));
        return out;
    }
}
