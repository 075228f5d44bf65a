package org.veilor.enrol.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.enrol}: Misskey, the secret files, the key policy, the page, retries. */
@ObjectClassDefinition(name = "Veilor enrolment",
        description = "A Misskey signup (system webhook userCreated) becomes a tagged Headscale pre-auth key, sent to the user by DM as a link to a one-time page. Secrets live only in files (mode 0600).")
public @interface EnrolConfig {

    @AttributeDefinition(name = "Misskey URL", description = "Base URL of the Misskey server (its config url, with scheme). Webhook events must name it as their server.")
    String misskeyUrl() default "http://127.0.0.1:3000";

    @AttributeDefinition(name = "Misskey API token file",
            description = "File holding the access token of the account that sends the DMs (permission write:notes), mode 0600. ${karaf.etc}, ${karaf.base}, ${karaf.data} and ${karaf.home} are expanded.")
    String misskeyTokenFile() default "${karaf.etc}/enrol-misskey.token";

    @AttributeDefinition(name = "Webhook secret file",
            description = "File holding the secret of the Misskey system webhook (sent in X-Misskey-Hook-Secret), mode 0600.")
    String webhookSecretFile() default "${karaf.etc}/enrol-webhook.secret";

    @AttributeDefinition(name = "At-rest key file",
            description = "File holding the 32-byte key (base64) that encrypts pre-auth keys until their page is opened, mode 0600. Created with a random key when missing; losing it makes unopened pages unreadable (reissue them).")
    String atRestKeyFile() default "${karaf.etc}/enrol-at-rest.key";

    @AttributeDefinition(name = "Public URL",
            description = "Base URL under which users reach this instance's enrolment pages (https://; http:// only for a loopback host). Links are <publicUrl>/enrol/k/<token>.")
    String publicUrl() default "http://127.0.0.1:8181";

    @AttributeDefinition(name = "Key lifetime", description = "How long a minted key works: 30m, 12h, 24h, 2d or ISO-8601 (PT24H).")
    String keyTtl() default "24h";

    @AttributeDefinition(name = "Reusable keys", description = "Whether a key may join several machines until it expires (the strategy: reusable within its day).")
    boolean keyReusable() default true;

    @AttributeDefinition(name = "Key tags", description = "ACL tags of minted keys; the first one is the tag keys are found again by.")
    String[] keyTags() default { "tag:guest" };

    @AttributeDefinition(name = "Guests user",
            description = "Headscale user owning the keys on Headscale before 0.28, where every key needs a user (created when missing). Unused from 0.28: tagged keys need none.",
            required = false)
    String guestUser() default "";

    @AttributeDefinition(name = "Webhook size cap", description = "Largest webhook body accepted, in bytes (larger: HTTP 413).", min = "1024", max = "1048576")
    int webhookMaxBytes() default 65536;

    @AttributeDefinition(name = "Workers", description = "Enrolments processed in parallel (each mint has its own unique expiration, so parallel mints never mix).", min = "1", max = "64")
    int workers() default 4;

    @AttributeDefinition(name = "Maximum attempts", description = "Failed tries of one step before the enrolment is marked failed (enrol:retry starts again).", min = "1", max = "1000")
    int maxAttempts() default 30;

    @AttributeDefinition(name = "First retry delay", description = "Seconds before the first retry; each further retry waits twice as long, up to the maximum.", min = "1", max = "3600")
    int retryInitialSeconds() default 5;

    @AttributeDefinition(name = "Longest retry delay", description = "Upper bound of the retry delay, in seconds.", min = "1", max = "86400")
    int retryMaxSeconds() default 900;

    @AttributeDefinition(name = "Misskey timeout", description = "Seconds to wait for each answer from Misskey.", min = "1", max = "300")
    int misskeyTimeoutSeconds() default 15;

    @AttributeDefinition(name = "DM text",
            description = "Text of the DM; {link} is replaced by the page link (required), {hours} by the key lifetime in hours, {username} by the user name.")
    String dmText() default "Welcome to Veilor, @{username}! Your key to join the Veilor mesh is ready: {link}\nOpen the link when you set up your computer: it shows the key once (text to paste and a QR code), and the key works for {hours} hours.";

    @AttributeDefinition(name = "New key help",
            description = "What a user whose page is used up or expired is told to do to get a new key.")
    String newKeyHelp() default "Reply to the message that brought you here: an administrator will send you a new link.";
}
