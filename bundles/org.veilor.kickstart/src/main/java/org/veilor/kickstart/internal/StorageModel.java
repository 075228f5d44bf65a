package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.veilor.kickstart.KsCommand;

/**
 * The storage commands of a kickstart, read for the strategy's rules: where the root file system
 * comes from and whether it ends up inside LUKS, and which disks the install touches.
 */
final class StorageModel {

    private static final Set<String> STORAGE = Set.of("part", "partition", "logvol", "volgroup", "raid", "btrfs",
            "autopart", "reqpart", "clearpart", "zerombr", "ignoredisk");

    private final List<Entry> entries = new ArrayList<>();

    /** One storage command with its understood options. */
    record Entry(Located where, KsCommand command, OptionChecker.Parsed parsed) {
        String name() {
            return command.name().equals("partition") ? "part" : command.name();
        }

        String pos(int i) {
            return i < parsed.positionals().size() ? parsed.positionals().get(i) : "";
        }

        List<String> rest() {
            List<String> p = parsed.positionals();
            return p.size() <= 1 ? List.of() : p.subList(1, p.size());
        }

        boolean encrypted() {
            return parsed.has("--encrypted");
        }
    }

    /** Where the root file system is and whether it is encrypted. */
    record Root(Located where, boolean encrypted, String why) {
    }

    StorageModel(List<Located> items, Map<Located, OptionChecker.Parsed> parsed) {
        for (Located l : items) {
            if (l.item() instanceof KsCommand c && STORAGE.contains(c.name()) && parsed.containsKey(l)) {
                entries.add(new Entry(l, c, parsed.get(l)));
            }
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> all(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).toList();
    }

    /** The disks named anywhere (ignoredisk --only-use, clearpart --drives, part --ondisk). */
    Set<String> disks() {
        Set<String> disks = new LinkedHashSet<>();
        for (Entry e : all("ignoredisk")) {
            e.parsed().value("--only-use").ifPresent(v -> disks.addAll(list(v)));
        }
        for (Entry e : all("clearpart")) {
            e.parsed().value("--drives").ifPresent(v -> disks.addAll(list(v)));
        }
        for (Entry e : all("part")) {
            e.parsed().value("--ondisk").ifPresent(v -> disks.addAll(list(v)));
        }
        return disks;
    }

    /** Whether the disks the install may touch are limited by name. */
    boolean disksLimited() {
        return all("ignoredisk").stream().anyMatch(e -> e.parsed().has("--only-use"))
                || all("clearpart").stream().anyMatch(e -> e.parsed().has("--drives"));
    }

    Optional<Root> root() {
        for (Entry e : all("autopart")) {
            return Optional.of(new Root(e.where(), e.encrypted(), "autopart without --encrypted"));
        }
        for (Entry e : entries) {
            if (!e.pos(0).equals("/")) {
                continue;
            }
            switch (e.name()) {
                case "part" -> {
                    return Optional.of(new Root(e.where(), e.encrypted(), "part / without --encrypted"));
                }
                case "logvol" -> {
                    String vg = e.parsed().value("--vgname").orElse("");
                    boolean enc = e.encrypted() || volumeGroupEncrypted(vg);
                    return Optional.of(new Root(e.where(), enc,
                            "logvol / without --encrypted, on volume group " + vg + " whose physical volumes are not all encrypted"));
                }
                case "raid" -> {
                    boolean enc = e.encrypted() || membersEncrypted(e.rest(), 0);
                    return Optional.of(new Root(e.where(), enc, "raid / without --encrypted on it or on every member"));
                }
                case "btrfs" -> {
                    boolean enc = e.parsed().has("--subvol") ? btrfsParentEncrypted(e) : membersEncrypted(e.rest(), 0);
                    return Optional.of(new Root(e.where(), enc, "btrfs / whose member partitions are not all --encrypted"));
                }
                default -> {
                    // not a root definition
                }
            }
        }
        return Optional.empty();
    }

    private boolean volumeGroupEncrypted(String vg) {
        for (Entry e : all("volgroup")) {
            if (e.pos(0).equals(vg)) {
                return membersEncrypted(e.rest(), 0);
            }
        }
        return false;
    }

    private boolean btrfsParentEncrypted(Entry subvol) {
        String parent = subvol.pos(1);
        for (Entry e : all("btrfs")) {
            if (e.parsed().has("--subvol")) {
                continue;
            }
            if (parent.equals(e.parsed().value("--label").orElse(null)) || parent.equals(e.pos(0))
                    || parent.equals(e.parsed().value("--name").orElse(null))) {
                return membersEncrypted(e.rest(), 0);
            }
        }
        return false;
    }

    /** Every member (pv.x, btrfs.x, raid.x or a raid device) is an encrypted partition or raid. */
    private boolean membersEncrypted(List<String> members, int depth) {
        // depth: a raid listing itself as a member must not recurse for ever.
        if (members.isEmpty() || depth > 4) {
            return false;
        }
        for (String m : members) {
            boolean enc = false;
            for (Entry e : entries) {
                if (e.name().equals("part") && e.pos(0).equals(m)) {
                    enc = e.encrypted();
                } else if (e.name().equals("raid") && e.pos(0).equals(m)) {
                    enc = e.encrypted() || membersEncrypted(e.rest(), depth + 1);
                }
            }
            if (!enc) {
                return false;
            }
        }
        return true;
    }

    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
