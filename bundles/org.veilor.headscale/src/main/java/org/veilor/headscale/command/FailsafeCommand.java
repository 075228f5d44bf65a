package org.veilor.headscale.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.Ttl;
import org.veilor.headscale.internal.KeyMinter;
import org.veilor.headscale.internal.PolicySettings;
import org.veilor.headscale.internal.TierPolicyService;
import org.veilor.headscale.internal.failsafe.FailsafeSheet;
import org.veilor.headscale.internal.failsafe.FailsafeSheetHtml;
import org.veilor.headscale.internal.failsafe.FailsafeSheetPng;
import org.veilor.headscale.internal.policy.TierModel;

/**
 * {@code headscale:failsafe}: mints the failsafe {@code tag:admin} key and writes the printable sheet
 * (HTML and PNG, QR + text + dates + how to revoke, YubiKey / paper / OIDC group instructions). The key
 * appears only on the sheet: never on the console, in a log or in Veilor's storage. If the sheet cannot
 * be written, the key is expired at once.
 */
@Command(scope = "headscale", name = "failsafe", description = "Mints the failsafe tag:admin key (lifetime failsafeTtl) and writes its printable sheet "
        + "(HTML and PNG with QR code) into --out; the key is shown only on the sheet and not stored.")
@Service
public class FailsafeCommand implements Action {

    @Reference(optional = true)
    HeadscaleClient client;

    @Reference(optional = true)
    TierPolicyService tier;

    @Option(name = "--out", aliases = "-o", required = true,
            description = "Folder for the sheet files (made 0700, files 0600): print them, then delete them; they hold the key")
    @Completion(FileCompleter.class)
    String out;

    @Override
    public Object execute() throws Exception {
        HeadscaleClient c = Commands.client(client);
        PolicySettings settings = Commands.tier(tier).settings();
        HeadscaleVersion v = c.serverVersion().version();
        String owner = v.keysNeedUser() ? settings.taggedKeyUser() : null;
        if (v.keysNeedUser() && owner.isEmpty()) {
            throw new IllegalStateException("Headscale " + v + " needs a user for every pre-auth key: configure taggedKeyUser");
        }
        Path folder = Path.of(out).toAbsolutePath().normalize();
        prepare(folder);
        PreAuthKey key = KeyMinter.mint(c, owner, List.of(TierModel.ADMIN), settings.failsafeTtl(), false, false);
        FailsafeSheet sheet = new FailsafeSheet(key, c.serverUrl(), v, Instant.now());
        Path html = folder.resolve("veilor-failsafe-" + key.id() + ".html");
        Path png = folder.resolve("veilor-failsafe-" + key.id() + ".png");
        try {
            Commands.write(html, FailsafeSheetHtml.render(sheet), "rw-------");
            Commands.write(png, FailsafeSheetPng.render(sheet), "rw-------");
        } catch (IOException | RuntimeException e) {
            removeOurs(html);
            removeOurs(png);
            throw new IllegalStateException("the failsafe sheet could not be written (" + describe(e) + "); " + expire(c, key), e);
        }
        PrintStream console = System.out;
        console.println("Failsafe key " + key.id() + " (" + TierModel.ADMIN + ", single use) valid until " + Commands.date(key.expiration())
                + " (" + Ttl.format(settings.failsafeTtl()) + ").");
        console.println("Sheet: " + html);
        console.println("       " + png);
        console.println("The key is on the sheet only. Print it, keep the paper in a safe, put the key on the YubiKey,");
        console.println("then delete both files (shred -u). Instructions for the YubiKey, the OIDC group tailnet-admin and");
        console.println("revocation (headscale:revoke " + key.id() + ") are on the sheet.");
        return null;
    }

    /** The folder exists as 0700 (created so if missing) and holds no earlier sheet to overwrite. */
    private static void prepare(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException(folder + " exists and is not a folder");
            }
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalArgumentException("cannot write into " + folder);
        }
    }

    /** Removes a sheet file written by this run; leaves anything else (a folder in the way) alone. */
    private static void removeOurs(Path file) {
        try {
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // reported through the original failure
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage();
    }

    private static String expire(HeadscaleClient c, PreAuthKey key) {
        try {
            c.expirePreAuthKey(key);
            return "the key " + key.id() + " was expired again";
        } catch (HeadscaleException e) {
            return "expire key " + key.id() + " now with headscale:revoke " + key.id() + " (" + e.getMessage() + ")";
        }
    }
}
