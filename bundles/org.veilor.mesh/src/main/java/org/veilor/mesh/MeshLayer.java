package org.veilor.mesh;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * One overlay layer (whiteboard service). The supervisor tracks every registered layer
 * dynamically and calls {@link #probe} on its one scheduler thread, so an implementation needs no
 * thread of its own and must not block for long: bound every process and socket call with a
 * timeout well under the probe period.
 *
 * <p>How the three layers of the strategy fit:
 * <ul>
 * <li>L3a (Tailscale): active when connected to the login server, down otherwise, disabled before
 * the node joined; it carries no floor, and says which login server it uses
 * ({@link #loginServer()});</li>
 * <li>L3b (Yggdrasil): idle with its one public peer, active once promoted (failover peers added
 * by {@link #promote}), down when the daemon is unreachable or no peer is up; claims floors (i)
 * and (ii) by the peers that are up;</li>
 * <li>L3c (Reticulum): disabled until rnsd is started on request, active while rnsd runs on a
 * verified radio; claims floor (iii).</li>
 * </ul>
 */
public interface MeshLayer {

    /** Stable short id, unique per layer: {@code tailscale}, {@code yggdrasil}, {@code reticulum}. */
    String id();

    /** Which of the three layers this is. */
    LayerKind kind();

    /** The floors this layer can carry at best (L3b: i and ii; L3c: iii; L3a: none). */
    Set<Floor> floors();

    /**
     * Looks at the layer now. Called only by the supervisor, on its scheduler thread.
     * Implementations report failures as {@link LayerState#DOWN} with a reason rather than
     * throwing; an exception is reported as down with its message.
     *
     * @param context what the supervisor knows about the mesh (the login server)
     */
    LayerStatus probe(MeshContext context);

    /** The login server this layer depends on (L3a only); floor (i) is judged against it. */
    default Optional<String> loginServer() {
        return Optional.empty();
    }

    /** Whether {@link #promote} can turn this layer from idle into active (L3b). */
    default boolean promotable() {
        return false;
    }

    /**
     * Makes an idle layer carry the mesh (L3b: adds the failover peers). Called by the supervisor
     * from release v0.8 when L3a is down; the next probe should report {@link LayerState#ACTIVE}.
     *
     * @throws IOException when the layer could not be promoted (the supervisor reports and retries)
     * @throws UnsupportedOperationException when the layer is not {@link #promotable()}
     */
    default void promote() throws IOException {
        throw new UnsupportedOperationException(id() + " cannot be promoted");
    }

    /** Undoes {@link #promote} (L3b: removes the failover peers) once L3a is back. */
    default void demote() throws IOException {
        throw new UnsupportedOperationException(id() + " cannot be demoted");
    }
}
