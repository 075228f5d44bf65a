package org.veilor.headscale.internal.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.veilor.core.Finding;
import org.veilor.core.Severity;
import org.veilor.core.db.Parameters;
import org.veilor.core.db.SchemaMigrations;
import org.veilor.headscale.internal.policy.PolicyPairs.Pair;

/**
 * The policy history in the instance database ({@code headscale_policy}, migrations of owner
 * {@code org.veilor.headscale}). A push is recorded before the server is asked and updated after,
 * each change one statement, so whatever happens between, the row says how far it got.
 */
public final class PolicyStore {

    static final String OWNER = "org.veilor.headscale";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, pushed_at, pushed_by, origin, server_url, server_version, policy, pairs, gained, lost, state, "
            + "answer, watch, finding_severity, finding_code, finding, updated_at";

    private final DataSource dataSource;

    public PolicyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies this bundle's migrations (at activation). */
    public static void migrate(DataSource dataSource) throws IOException, SQLException {
        SchemaMigrations.apply(dataSource, OWNER,
                SchemaMigrations.load(PolicyStore.class, "org/veilor/headscale/internal/rollout/db", "V1__policy_history.sql"));
    }

    /** Records a push about to be sent; returns its history number. */
    long begin(String who, String origin, String serverUrl, String serverVersion, String policy, List<Pair> pairs, Integer gained,
            Integer lost) throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO headscale_policy (pushed_at, pushed_by, origin, server_url, "
                        + "server_version, policy, policy_sha256, pairs, pair_count, gained, lost, state, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] { "id" })) {
            Parameters.bind(ps, now, clip(who, 200), clip(origin, 500), serverUrl, serverVersion, policy, sha256(policy), json(pairs), pairs.size(), gained,
                    lost, PushState.PUSHING.label(), now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The server's answer (or the failure) and the state it leaves the push in. */
    void answered(long id, PushState state, String answer) throws SQLException {
        update("UPDATE headscale_policy SET state = ?, answer = ?, updated_at = ? WHERE id = ?", state.label(), clip(answer, 2000),
                System.currentTimeMillis(), id);
    }

    /** How the watch ended, with the finding it leaves (or none). */
    void watched(long id, PushState state, String watch, Finding finding) throws SQLException {
        update("UPDATE headscale_policy SET state = ?, watch = ?, finding_severity = ?, finding_code = ?, finding = ?, updated_at = ? "
                + "WHERE id = ?", state.label(), clip(watch, 2000), finding == null ? null : finding.severity().name(),
                finding == null ? null : finding.code(), finding == null ? null : clip(finding.message(), 2000),
                System.currentTimeMillis(), id);
    }

    /** Every push, newest first. */
    public List<PolicyPush> list() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM headscale_policy ORDER BY id DESC");
    }

    public Optional<PolicyPush> find(long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM headscale_policy WHERE id = ?", id).stream().findFirst();
    }

    /** The newest good push whose policy is not this text (the one to go back to). */
    Optional<PolicyPush> lastGoodOtherThan(String policy) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM headscale_policy WHERE state = ? AND policy_sha256 <> ? ORDER BY id DESC",
                PushState.GOOD.label(), sha256(policy)).stream().findFirst();
    }

    private List<PolicyPush> query(String sql, Object... args) throws SQLException {
        List<PolicyPush> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static PolicyPush read(ResultSet rs) throws SQLException {
        return new PolicyPush(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("pushed_at")), rs.getString("pushed_by"), rs.getString("origin"),
                rs.getString("server_url"), rs.getString("server_version"), rs.getString("policy"), pairs(rs.getString("pairs")),
                intOrNull(rs, "gained"), intOrNull(rs, "lost"), PushState.fromDb(rs.getString("state")), rs.getString("answer"),
                rs.getString("watch"), finding(rs), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Finding finding(ResultSet rs) throws SQLException {
        String code = rs.getString("finding_code");
        return code == null ? null
                : new Finding(Severity.valueOf(rs.getString("finding_severity")), code, rs.getString("finding"), "headscale policy #" + rs.getLong("id"));
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters.bind(ps, args);
            ps.executeUpdate();
        }
    }


    private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static String json(List<Pair> pairs) {
        try {
            return JSON.writeValueAsString(pairs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the pairs", e);
        }
    }

    private static List<Pair> pairs(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<Pair>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("the stored pairs are not readable: " + e.getOriginalMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
