package org.veilor.core.contrib;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one concern adds to the image: files (with mode/owner), packages (with their
 * repository or COPR), unit states, ujust recipes, structured firewall entries, kernel arguments
 * and build-time scripts. Immutable; made with {@link #builder()}.
 */
public final class ImageContribution {

    private final List<OsFile> files;
    private final List<PackageSet> packages;
    private final List<UnitState> units;
    private final List<Justfile> justfiles;
    private final List<FirewallEntry> firewall;
    private final List<String> kernelArgs;
    private final List<BuildScript> scripts;

    private ImageContribution(Builder b) {
        this.files = List.copyOf(b.files);
        this.packages = List.copyOf(b.packages);
        this.units = List.copyOf(b.units);
        this.justfiles = List.copyOf(b.justfiles);
        this.firewall = List.copyOf(b.firewall);
        this.kernelArgs = List.copyOf(b.kernelArgs);
        this.scripts = List.copyOf(b.scripts);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<OsFile> files() {
        return files;
    }

    public List<PackageSet> packages() {
        return packages;
    }

    public List<UnitState> units() {
        return units;
    }

    public List<Justfile> justfiles() {
        return justfiles;
    }

    public List<FirewallEntry> firewall() {
        return firewall;
    }

    public List<String> kernelArgs() {
        return kernelArgs;
    }

    public List<BuildScript> scripts() {
        return scripts;
    }

    /** Builder of an {@link ImageContribution}. */
    public static final class Builder {
        private final List<OsFile> files = new ArrayList<>();
        private final List<PackageSet> packages = new ArrayList<>();
        private final List<UnitState> units = new ArrayList<>();
        private final List<Justfile> justfiles = new ArrayList<>();
        private final List<FirewallEntry> firewall = new ArrayList<>();
        private final List<String> kernelArgs = new ArrayList<>();
        private final List<BuildScript> scripts = new ArrayList<>();

        private Builder() {
        }

        public Builder file(OsFile file) {
            files.add(Objects.requireNonNull(file));
            return this;
        }

        public Builder packages(PackageSet set) {
            packages.add(Objects.requireNonNull(set));
            return this;
        }

        public Builder unit(UnitState state) {
            units.add(Objects.requireNonNull(state));
            return this;
        }

        public Builder justfile(Justfile justfile) {
            justfiles.add(Objects.requireNonNull(justfile));
            return this;
        }

        public Builder firewall(FirewallEntry entry) {
            firewall.add(Objects.requireNonNull(entry));
            return this;
        }

        public Builder kernelArg(String arg) {
            if (arg == null || arg.isBlank() || arg.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("kernel argument must be one word: " + arg);
            }
            kernelArgs.add(arg);
            return this;
        }

        public Builder script(BuildScript script) {
            scripts.add(Objects.requireNonNull(script));
            return this;
        }

        public ImageContribution build() {
            return new ImageContribution(this);
        }
    }
}
