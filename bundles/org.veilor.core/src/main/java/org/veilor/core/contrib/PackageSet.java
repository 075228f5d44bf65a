package org.veilor.core.contrib;

import java.util.List;
import java.util.Objects;

/** Packages to install and to remove, from one source. */
public record PackageSet(PackageSource source, List<String> install, List<String> remove) {

    public PackageSet {
        Objects.requireNonNull(source, "source");
        install = List.copyOf(install);
        remove = List.copyOf(remove);
        for (String p : install) {
            checkName(p);
        }
        for (String p : remove) {
            checkName(p);
        }
    }

    public static PackageSet install(PackageSource source, String... packages) {
        return new PackageSet(source, List.of(packages), List.of());
    }

    public static PackageSet remove(String... packages) {
        return new PackageSet(PackageSource.FEDORA, List.of(), List.of(packages));
    }

    private static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.+-]*")) {
            throw new IllegalArgumentException("not a package name: " + name);
        }
    }
}
