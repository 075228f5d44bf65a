package org.veilor.mesh;

/**
 * EventAdmin topics and properties the supervisor posts. Every event carries
 * {@link #STAGE} and a human-readable {@link #MESSAGE}.
 */
public final class MeshEvents {

    /** A layer appeared (service registered). Properties: layer.*. */
    public static final String LAYER_ADDED = "org/veilor/mesh/layer/ADDED";
    /** A layer went away (service unregistered). Properties: layer.*. */
    public static final String LAYER_REMOVED = "org/veilor/mesh/layer/REMOVED";
    /** A layer's state changed. Properties: layer.*, {@link #PREVIOUS_STATE}. */
    public static final String LAYER_CHANGED = "org/veilor/mesh/layer/CHANGED";
    /** A floor started or stopped holding. Properties: floor.*. */
    public static final String FLOOR_CHANGED = "org/veilor/mesh/floor/CHANGED";
    /** The supervisor promoted a layer (v0.8+). Properties: layer.*, {@link #REASON}. */
    public static final String PROMOTED = "org/veilor/mesh/failover/PROMOTED";
    /** The supervisor demoted a layer it had promoted. Properties: layer.*, {@link #REASON}. */
    public static final String DEMOTED = "org/veilor/mesh/failover/DEMOTED";
    /** At v0.7: what the supervisor would have done, reported only. Properties: layer.*, {@link #REASON}. */
    public static final String ADVISED = "org/veilor/mesh/failover/ADVISED";
    /** A promotion or demotion failed (retried at the next probe). Properties: layer.*, {@link #REASON}. */
    public static final String FAILED = "org/veilor/mesh/failover/FAILED";
    /** Subscribe to everything the supervisor posts. */
    public static final String ALL = "org/veilor/mesh/*";

    public static final String LAYER_ID = "layer.id";
    /** {@code L3a}, {@code L3b}, {@code L3c}. */
    public static final String LAYER_KIND = "layer.kind";
    /** {@code disabled}, {@code idle}, {@code active}, {@code down}. */
    public static final String STATE = "layer.state";
    public static final String PREVIOUS_STATE = "layer.previous.state";
    public static final String DETAIL = "layer.detail";
    /** {@code i}, {@code ii}, {@code iii}. */
    public static final String FLOOR = "floor";
    /** Boolean. */
    public static final String HOLDS = "floor.holds";
    /** Boolean: the strategy promises the floor at this stage. */
    public static final String PROMISED = "floor.promised";
    public static final String REASON = "reason";
    /** {@code v0.7}, … */
    public static final String STAGE = "release.stage";
    public static final String MESSAGE = "message";

    private MeshEvents() {
    }
}
