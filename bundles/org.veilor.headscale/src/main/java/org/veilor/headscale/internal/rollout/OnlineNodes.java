package org.veilor.headscale.internal.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.internal.policy.TierModel;

/**
 * The machines Headscale reports online, by tag ({@code GET /api/v1/node}: {@code online},
 * {@code tags}): the reachability a push is judged by. Machines are told apart by their ID and named
 * by their tailnet name.
 *
 * @param online tag → names of its online machines, by ID
 */
record OnlineNodes(Map<String, Map<String, String>> online) {

    static OnlineNodes read(HeadscaleClient client) throws HeadscaleException {
        Map<String, Map<String, String>> byTag = new TreeMap<>();
        for (HeadscaleNode n : client.listNodes()) {
            if (!n.online()) {
                continue;
            }
            for (String tag : n.tags()) {
                byTag.computeIfAbsent(tag, t -> new TreeMap<>()).put(n.id(), n.givenName().isEmpty() ? n.name() : n.givenName());
            }
        }
        return new OnlineNodes(byTag);
    }

    /** The names of admin machines online in {@code before} that are not online (as admin machines) now. */
    List<String> adminLostSince(OnlineNodes before) {
        Map<String, String> now = online.getOrDefault(TierModel.ADMIN, Map.of());
        List<String> lost = new ArrayList<>();
        before.online.getOrDefault(TierModel.ADMIN, Map.of()).forEach((id, name) -> {
            if (!now.containsKey(id)) {
                lost.add(name);
            }
        });
        return lost;
    }

    /** {@code tag:admin 2, tag:guest 5, tag:infra 2}. */
    String counts() {
        return online.isEmpty() ? "none online" : online.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
                .collect(Collectors.joining(", "));
    }
}
