package org.veilor.mesh.yggdrasil.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.mesh.yggdrasil.internal.KeyFiles;
import org.veilor.mesh.yggdrasil.internal.NodeKey;
import org.veilor.mesh.yggdrasil.internal.YggAddress;
import org.veilor.mesh.yggdrasil.internal.YggdrasilNode;

/**
 * {@code ygg:keygen}: makes an Ed25519 key — this node's (as its first-boot unit does), or one in a
 * file of your choice (for instance the operator's key, whose public half goes into
 * AllowedPublicKeys). Prints the public key and address; the private key only ever goes to the file.
 */
@Command(scope = "ygg", name = "keygen", description = "Makes a new Yggdrasil Ed25519 key (PKCS#8 PEM, 0600): this node's key at its configured path (made at first boot otherwise), or with --out a key in a file of your own. Prints the public key, address and subnet, never the private key.")
@Service
public class KeygenCommand implements Action {

    @Reference(optional = true)
    YggdrasilNode node;

    @Option(name = "--out", aliases = "-o", description = "Absolute path of a new key file to write (0600) instead of this node's key")
    String out;

    @Option(name = "--force", description = "Replace an existing key: the node (or the file's owner) gets a new identity and address")
    boolean force;

    @Override
    public Object execute() throws Exception {
        NodeKey key;
        String where;
        if (out != null) {
            Path file = Path.of(out);
            if (!file.isAbsolute()) {
                throw new IllegalArgumentException("--out must be an absolute path, not '" + out + "'");
            }
            key = NodeKey.generate(new SecureRandom());
            write(file, KeyFiles.pem(key));
            where = file.toString();
        } else {
            YggdrasilNode n = Nodes.require(node, "ygg:keygen without --out");
            key = n.keygen(force);
            where = n.settings().keyPath();
        }
        PrintStream o = System.out;
        o.println("wrote a new key to " + where + " (0600)");
        o.println("public key " + key.publicHex());
        o.println("address    " + YggAddress.addressText(key.publicKey()));
        o.println("subnet     " + YggAddress.subnetText(key.publicKey()));
        return null;
    }

    private void write(Path file, String pem) throws IOException {
        if (Files.exists(file) && !force) {
            throw new FileAlreadyExistsException(file + " exists; --force replaces it");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, pem, StandardCharsets.UTF_8, StandardOpenOption.SYNC);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
