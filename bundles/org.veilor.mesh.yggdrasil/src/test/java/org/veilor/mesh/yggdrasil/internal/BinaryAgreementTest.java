package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.veilor.testsupport.YggdrasilDaemons;

/**
 * Address, subnet and keys agree with the real binaries: for many random keys, and for the spec's
 * vectors, {@code -address} and {@code -subnet} print what {@link YggAddress} computes — through
 * an inline 0.4 {@code PrivateKey}, and on 0.5 also through a {@code PrivateKeyPath} PEM, whose
 * {@code -publickey} is ours too.
 */
class BinaryAgreementTest {

    private static final int KEYS = 24;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("org.veilor.mesh.yggdrasil.internal.RealBinaries#both")
    void randomKeysGiveTheBinarysAddressAndSubnet(RealBinaries.Binary b) throws Exception {
        YggdrasilDaemons y = new YggdrasilDaemons(b.path(), tmp);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < KEYS; i++) {
            NodeKey key = NodeKey.generate(random);
            Path conf = tmp.resolve("inline-" + i + ".conf");
            Files.writeString(conf, "{\"PrivateKey\": \"" + key.privateHex() + "\", \"PublicKey\": \"" + key.publicHex() + "\"}");
            assertEquals(YggAddress.addressText(key.publicKey()), y.run("-useconffile", conf.toString(), "-address").strip(), key.toString());
            assertEquals(YggAddress.subnetText(key.publicKey()), y.run("-useconffile", conf.toString(), "-subnet").strip(), key.toString());
        }
    }

    @Test
    void pemKeysOn05GiveOurPublicKeyAndAddress() throws Exception {
        YggdrasilDaemons y = new YggdrasilDaemons(RealBinaries.V05.path(), tmp);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < KEYS / 2; i++) {
            NodeKey key = NodeKey.generate(random);
            Path pem = tmp.resolve("k" + i + ".pem");
            Files.writeString(pem, key.pem());
            Path conf = tmp.resolve("path-" + i + ".conf");
            Files.writeString(conf, "{\"PrivateKeyPath\": \"" + pem + "\"}");
            assertEquals(key.publicHex(), y.run("-useconffile", conf.toString(), "-publickey").strip());
            assertEquals(YggAddress.addressText(key.publicKey()), y.run("-useconffile", conf.toString(), "-address").strip());
            // And back: what 0.5 exports is what we read.
            assertEquals(key, NodeKey.fromPem(y.run("-useconffile", conf.toString(), "-exportkey")));
        }
    }

    @ParameterizedTest
    @MethodSource("org.veilor.mesh.yggdrasil.internal.RealBinaries#both")
    void theSpecsVectorsOnTheBinary(RealBinaries.Binary b) throws Exception {
        YggdrasilDaemons y = new YggdrasilDaemons(b.path(), tmp);
        for (SpecVectors.Row row : SpecVectors.ROWS) {
            if (row.seed() == null) {
                continue;
            }
            Path conf = tmp.resolve("vector.conf");
            Files.writeString(conf, "{\"PrivateKey\": \"" + HexFormat.of().formatHex(row.seed()) + row.publicKey() + "\"}");
            assertEquals(row.address(), y.run("-useconffile", conf.toString(), "-address").strip());
            assertEquals(row.subnet(), y.run("-useconffile", conf.toString(), "-subnet").strip());
        }
    }

    @ParameterizedTest
    @MethodSource("org.veilor.mesh.yggdrasil.internal.RealBinaries#both")
    void theBinarysOwnKeysGiveItsAddress(RealBinaries.Binary b) throws Exception {
        YggdrasilDaemons y = new YggdrasilDaemons(b.path(), tmp);
        for (int i = 0; i < 4; i++) {
            String hex = y.genconf().path("PrivateKey").asText();
            NodeKey key = NodeKey.fromPrivateHex(hex);
            Path conf = tmp.resolve("gen.conf");
            Files.writeString(conf, "{\"PrivateKey\": \"" + hex + "\"}");
            assertEquals(YggAddress.addressText(key.publicKey()), y.run("-useconffile", conf.toString(), "-address").strip());
        }
    }

    @Test
    void versionDetectionOnTheRealBinaries() throws Exception {
        for (RealBinaries.Binary b : RealBinaries.both()) {
            YggdrasilDaemons y = new YggdrasilDaemons(b.path(), tmp);
            String version = y.run("-version");
            String help = helpOf(b.path());
            YggVersion v = YggVersion.detect(version, null).orElseGet(() -> YggVersion.detect(version, help).orElseThrow());
            assertEquals(b.version(), v, b.path().toString());
        }
        assertTrue(YggVersion.detect("Build name: unknown\nBuild version: unknown\n", null).isEmpty(),
                "Debian's 0.4.7 does not say: -help decides");
    }

    static String helpOf(Path binary) throws Exception {
        Process p = new ProcessBuilder(List.of(binary.toString(), "-help")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
