package org.veilor.mesh.yggdrasil.internal;

import java.util.HexFormat;
import java.util.List;

/**
 * The verified vectors of spec mesh-radio.md §1.5 (computed there with python and Debian's 0.4.7
 * {@code -address}/{@code -subnet}) and the PKCS#8 example of §1.2.
 */
final class SpecVectors {

    /** One row of the §1.5 table; {@code seed} is null for the upstream unit-test key. */
    record Row(byte[] seed, String publicKey, String address, String subnet) {
    }

    static final byte[] ZERO_SEED = new byte[32];
    static final byte[] COUNTING_SEED = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    static final List<Row> ROWS = List.of(
            new Row(ZERO_SEED, "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29",
                    "202:24ae:c219:8a4a:de94:eae2:b97e:ac87", "302:24ae:c219:8a4a::/64"),
            new Row(COUNTING_SEED, "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8",
                    "206:2f7c:2006:18f7:a0f1:4791:738c:5a1f", "306:2f7c:2006:18f7::/64"),
            new Row(null, "bdbacfd82240de3dcd123924cbb55256fb8dab08aa98e305528ab84f419e6efb",
                    "200:848a:604f:bb7e:4384:65db:8db6:6895", "300:848a:604f:bb7e::/64"));

    /** §1.2: the PEM body of the all-zero seed. */
    static final String ZERO_SEED_PEM_BODY = "MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private SpecVectors() {
    }
}
