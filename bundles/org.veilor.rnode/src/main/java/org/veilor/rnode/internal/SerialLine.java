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
         * @throws Busy if another program holds the port locked (it may let go soon)
         * @throws IOException if it does not exist or cannot be opened for another reason
         */
        SerialLine open(String path) throws IOException;
    }

    /** The port is locked by another program (the exclusive lock serial libraries take on open). */
    final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }
}
