package org.veilor.rnode.internal;

import java.io.IOException;

/** An open serial port, as the driver needs it: timed reads, writes, close. */
interface SerialLine extends AutoCloseable {

    /** The path it was opened by (as given, e.g. a by-id symlink). */
    String path();

    /**
     * Reads what is there, waiting up to the line's read timeout for the first byte.
     *
     * @return bytes read; 0 when nothing came in time
     * @throws IOException when the device is gone (unplugged, I/O error)
     */
    int read(byte[] buffer) throws IOException;

    void write(byte[] bytes) throws IOException;

    @Override
    void close();

    /** Opens serial ports by path. */
    interface Opener {
        /**
         * Opens a port at 115200 8N1 without flow control.
         *
         * @throws IOException if it does not exist, is busy (owned by another program) or cannot be opened
         */
        SerialLine open(String path) throws IOException;
    }
}
