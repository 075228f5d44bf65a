package org.veilor.seed.blake3;

/**
 * Run by {@link WithoutVectorModuleTest} in a JVM started without {@code jdk.incubator.vector}:
 * prints the implementation the library chose and the hash of each official vector input.
 */
public final class ScalarOnlyMain {

    private ScalarOnlyMain() {
    }

    public static void main(String[] args) {
        System.out.println("implementation=" + Blake3.standard().implementation());
        System.out.println("vectorized=" + Blake3.standard().isVectorized());
        for (String len : args) {
            int n = Integer.parseInt(len);
            System.out.println(n + "=" + Blake3.standard().newHasher().update(OfficialVectorsTest.input(n))
                    .finalizeBytes(131).length + ":" + java.util.HexFormat.of().formatHex(
                    Blake3.standard().newHasher().update(OfficialVectorsTest.input(n)).finalizeBytes(131)));
        }
    }
}
