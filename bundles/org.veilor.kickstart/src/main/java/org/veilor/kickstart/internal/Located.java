package org.veilor.kickstart.internal;

import org.veilor.kickstart.KsItem;

/** An item and the file it came from (the main kickstart or an included one). */
public record Located(String source, KsItem item) {

    /** {@code install.ks:12}: the location findings carry. */
    public String at() {
        return source + ":" + item.line();
    }

    public String at(int line) {
        return source + ":" + line;
    }
}
