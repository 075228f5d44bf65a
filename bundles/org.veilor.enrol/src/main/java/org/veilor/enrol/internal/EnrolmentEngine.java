package org.veilor.enrol.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.db.SchemaMigrations;
import org.veilor.enrol.Enrolment;
import org.veilor.enrol.EnrolmentException;
import org.veilor.enrol.EnrolmentState;
import org.veilor.enrol.Enrolments;
import org.veilor.enrol.MintAttempt;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.PreAuthKey;

/**
 * Enrolment without OSGi: the stores, the mint protocol, Misskey, the sealer, the worker, and the
 * webhook and page handlers, built from validated settings over a DataSource and a Headscale
 * client. The component wraps one; tests and the benchmark build one directly.
 */
public final class EnrolmentEngine implements Enrolments, AutoCloseable {

    /** How long a worker may hold an enrolment before another may take it over. */
    static final Duration LEASE = Duration.ofMinutes(5);
    static final String OWNER = "org.veilor.enrol";

    private final Logger logger = LoggerFactory.getLogger(EnrolmentEngine.class);
    private final EnrolSettings settings;
    private final EnrolmentStore store;
    private final AttemptStore attempts;
    private final OrphanFreeMinter minter;
    private final MisskeyClient misskey;
    private final EnrolmentWorker worker;
    private final WebhookHandler webhook;
    private final PageHandler pages;
    private final Clock clock;

    /**
     * @param instanceId this instance's stable name: leases it held before a restart are taken back at start
     */
    public EnrolmentEngine(DataSource dataSource, HeadscaleClient headscale, EnrolSettings settings, String instanceId, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.store = new EnrolmentStore(dataSource);
        this.attempts = new AttemptStore(store.jdbc());
        KeySealer sealer = new KeySealer(new SecretFile(settings.atRestKeyFile(), "the at-rest key",
                "it is created when the component starts; restore it, or reissue the pages not opened yet"));
        this.misskey = new MisskeyClient(settings.misskeyUrl(), new SecretFile(settings.tokenFile(), "the Misskey API token",
                "put the token of the account that sends DMs there: chmod 600 " + settings.tokenFile()), settings.misskeyTimeout());
        this.minter = new OrphanFreeMinter(headscale, attempts, clock::millis);
        EnrolmentSteps steps = new EnrolmentSteps(store, attempts, minter, misskey, sealer, settings, clock);
        this.worker = new EnrolmentWorker(store, steps, instanceId, settings.workers(), LEASE, clock);
        this.webhook = new WebhookHandler(new SecretFile(settings.webhookSecretFile(), "the webhook secret",
                "put the secret of the Misskey system webhook there: chmod 600 " + settings.webhookSecretFile()), store, settings, worker::wake,
                clock);
        this.pages = new PageHandler(store, sealer, settings, clock);
    }

    /** Applies this bundle's migrations. */
    public static void migrate(DataSource dataSource) throws SQLException, IOException {
        SchemaMigrations.apply(dataSource, OWNER, SchemaMigrations.load(EnrolmentEngine.class, "org/veilor/enrol/internal/db", "V1__enrolment.sql"));
    }

    /** Creates the at-rest key file when missing, takes back this instance's leases, starts the worker. */
    public void start() throws IOException, SQLException {
        if (KeySealer.createIfMissing(settings.atRestKeyFile())) {
            logger.info("created the at-rest key file {} (mode 0600)", settings.atRestKeyFile());
        }
        worker.start();
    }

    WebhookHandler webhook() {
        return webhook;
    }

    PageHandler pages() {
        return pages;
    }

    @Override
    public List<Enrolment> list() throws EnrolmentException {
        return db(() -> store.list().stream().map(StoredEnrolment::toApi).toList());
    }

    @Override
    public Optional<Enrolment> find(long id) throws EnrolmentException {
        return db(() -> store.load(id).map(StoredEnrolment::toApi));
    }

    @Override
    public List<MintAttempt> attempts(long id) throws EnrolmentException {
        return db(() -> attempts.all(id));
    }

    @Override
    public Enrolment mint(String username) throws EnrolmentException {
        String name = username == null ? "" : username.strip().replaceFirst("^@", "");
        if (!name.matches("[A-Za-z0-9_.-]{1,128}")) {
            throw new EnrolmentException("'" + username + "' is not a Misskey user name");
        }
        String userId;
        try {
            userId = misskey.userId(name).orElseThrow(() -> new EnrolmentException("Misskey at " + settings.misskeyUrl()
                    + " has no local user @" + name));
        } catch (MisskeyException e) {
            throw new EnrolmentException(e.getMessage(), e);
        }
        EnrolmentStore.Receipt r = db(() -> store.receive(userId, name, "manual", null, null, clock.millis()));
        if (r.outcome() != EnrolmentStore.Received.CREATED) {
            throw new EnrolmentException("@" + name + " is already enrolled (enrolment " + r.enrolmentId() + "); enrol:reissue "
                    + r.enrolmentId() + " sends a new key");
        }
        logger.info("enrolment {} (@{}) created by an operator", r.enrolmentId(), name);
        worker.wake();
        return require(r.enrolmentId());
    }

    @Override
    public List<String> revoke(long id) throws EnrolmentException {
        StoredEnrolment e = load(id);
        if (e.state() == EnrolmentState.REVOKED) {
            throw new EnrolmentException("enrolment " + id + " is already revoked");
        }
        List<String> done = new ArrayList<>();
        try {
            Optional<PreAuthKey> key = expireCurrentKey(e, done);
            if (key.isPresent()) {
                Optional<HeadscaleNode> node = minter.client().findNodeByPreAuthKey(key.get());
                if (node.isPresent() && !node.get().expiredAt(Instant.now(clock))) {
                    minter.client().expireNode(node.get().id());
                    done.add("Expired node " + node.get().id() + " (" + node.get().name() + ") that joined with it: it must log in again.");
                } else if (node.isEmpty()) {
                    done.add("No machine joined with it.");
                }
            }
        } catch (HeadscaleException ex) {
            throw new EnrolmentException("nothing revoked: " + ex.getMessage(), ex);
        }
        db(() -> store.jdbc().tx(c -> {
            AttemptStore.supersede(c, id);
            return store.revoked(c, id, "revoked by an operator", clock.millis());
        }));
        logger.info("enrolment {} (@{}) revoked by an operator", id, e.username());
        done.add("Enrolment " + id + " (@" + e.username() + ") is revoked; its page answers 410.");
        return done;
    }

    @Override
    public Enrolment reissue(long id) throws EnrolmentException {
        StoredEnrolment e = load(id);
        try {
            expireCurrentKey(e, new ArrayList<>());
        } catch (HeadscaleException ex) {
            throw new EnrolmentException("not reissued (the old key must be expired first): " + ex.getMessage(), ex);
        }
        boolean restarted = db(() -> store.jdbc().tx(c -> {
            AttemptStore.supersede(c, id);
            return store.restart(c, id, e.generation(), clock.millis());
        }));
        if (!restarted) {
            throw new EnrolmentException("enrolment " + id + " changed meanwhile; run enrol:reissue " + id + " again");
        }
        logger.info("enrolment {} (@{}) reissued by an operator: a new key and DM follow", id, e.username());
        worker.wake();
        return require(id);
    }

    @Override
    public Enrolment retry(long id) throws EnrolmentException {
        StoredEnrolment e = load(id);
        if (!db(() -> store.retryNow(id, clock.millis()))) {
            throw new EnrolmentException("enrolment " + id + " is " + e.state().dbName() + ": nothing to retry");
        }
        worker.wake();
        return require(id);
    }

    /** Expires the enrolment's key (and anything its lost attempts made) in Headscale. */
    private Optional<PreAuthKey> expireCurrentKey(StoredEnrolment e, List<String> done) throws HeadscaleException, EnrolmentException {
        int strays = db(() -> minter.reconcile(e.id(), settings.findTag()));
        if (strays > 0) {
            done.add("Expired " + strays + " stray key(s) of earlier attempts.");
        }
        if (e.keyId() == null) {
            done.add("No key was minted yet.");
            return Optional.empty();
        }
        Optional<PreAuthKey> key = minter.client().listPreAuthKeys().stream().filter(k -> k.id().equals(e.keyId())).findFirst();
        if (key.isEmpty()) {
            done.add("Headscale no longer has key " + e.keyId() + ".");
        } else if (key.get().expiration().isAfter(Instant.now(clock))) {
            minter.client().expirePreAuthKey(key.get());
            done.add("Expired pre-auth key " + e.keyId() + " (" + e.keyMasked() + ").");
        } else {
            done.add("Pre-auth key " + e.keyId() + " had already expired.");
        }
        return key;
    }

    private StoredEnrolment load(long id) throws EnrolmentException {
        return db(() -> store.load(id)).orElseThrow(() -> new EnrolmentException("no enrolment " + id + " (see enrol:list)"));
    }

    private Enrolment require(long id) throws EnrolmentException {
        return load(id).toApi();
    }

    @Override
    public void close() {
        worker.close();
    }

    /** A database call. */
    @FunctionalInterface
    private interface Db<T> {
        T run() throws SQLException, HeadscaleException;
    }

    private static <T> T db(Db<T> call) throws EnrolmentException {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new EnrolmentException("the enrolment database failed: " + e.getMessage(), e);
        } catch (HeadscaleException e) {
            throw new EnrolmentException(e.getMessage(), e);
        }
    }
}
