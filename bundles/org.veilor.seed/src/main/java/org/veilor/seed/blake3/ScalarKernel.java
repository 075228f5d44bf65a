package org.veilor.seed.blake3;

/** One input at a time in plain Java: the path that is always there and always right. */
final class ScalarKernel implements Kernel {

    static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
    }

    @Override
    public void hashChunks(byte[] in, int off, int n, int[] key, long counter, int flags, byte[] out, int outOff) {
        int[] cv = new int[8];
        for (int c = 0; c < n; c++) {
            System.arraycopy(key, 0, cv, 0, 8);
            int base = off + c * Compressor.CHUNK_LEN;
            for (int b = 0; b < 16; b++) {
                int f = flags | (b == 0 ? Compressor.CHUNK_START : 0) | (b == 15 ? Compressor.CHUNK_END : 0);
                Compressor.compress(cv, in, base + b * Compressor.BLOCK_LEN, Compressor.BLOCK_LEN, counter + c, f, cv);
            }
            Compressor.store(cv, out, outOff + 32 * c);
        }
    }

    @Override
    public void hashParents(byte[] in, int off, int n, int[] key, int flags, byte[] out, int outOff) {
        int[] cv = new int[8];
        for (int p = 0; p < n; p++) {
            Compressor.compress(key, in, off + 64 * p, Compressor.BLOCK_LEN, 0, flags | Compressor.PARENT, cv);
            Compressor.store(cv, out, outOff + 32 * p);
        }
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
