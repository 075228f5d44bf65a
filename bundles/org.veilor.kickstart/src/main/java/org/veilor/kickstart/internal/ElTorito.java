package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What xorriso reports about an ISO's boot setup ({@code -report_el_torito plain} and
 * {@code as_mkisofs}): the volume id, the El Torito boot images with their platform and, where
 * they are files, their path; and the appended partition an EFI image lives in (Fedora's layout).
 */
public record ElTorito(String volumeId, List<BootImage> images, Map<Integer, String> appendedPartitionTypes,
        Optional<Integer> efiPartition) {

    /** One El Torito boot image: its number, platform (BIOS, UEFI) and ISO path if it is a file. */
    public record BootImage(int index, String platform, Optional<String> path) {
    }

    private static final Pattern VOLID = Pattern.compile("(?m)^Volume Id\\s*:\\s*(.*?)\\s*$");
    private static final Pattern IMG = Pattern.compile("(?m)^El Torito boot img :\\s+(\\d+)\\s+(\\S+)\\s");
    private static final Pattern PATH = Pattern.compile("(?m)^El Torito img path :\\s+(\\d+)\\s+(/.*?)\\s*$");
    private static final Pattern APPEND = Pattern.compile("(?m)^-append_partition\\s+(\\d+)\\s+(\\S+)\\s");
    private static final Pattern EFI_PART = Pattern.compile("(?m)^-e\\s+'--interval:appended_partition_(\\d+)");

    public static ElTorito parse(String plain, String asMkisofs) {
        Matcher v = VOLID.matcher(plain);
        String volumeId = v.find() ? v.group(1) : "";
        Map<Integer, String> paths = new LinkedHashMap<>();
        Matcher p = PATH.matcher(plain);
        while (p.find()) {
            paths.put(Integer.parseInt(p.group(1)), p.group(2));
        }
        List<BootImage> images = new ArrayList<>();
        Matcher m = IMG.matcher(plain);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            images.add(new BootImage(n, m.group(2), Optional.ofNullable(paths.get(n))));
        }
        Map<Integer, String> parts = new LinkedHashMap<>();
        Matcher a = APPEND.matcher(asMkisofs);
        while (a.find()) {
            parts.put(Integer.parseInt(a.group(1)), a.group(2));
        }
        Matcher e = EFI_PART.matcher(asMkisofs);
        Optional<Integer> efiPartition = e.find() ? Optional.of(Integer.parseInt(e.group(1))) : Optional.empty();
        return new ElTorito(volumeId, List.copyOf(images), Map.copyOf(parts), efiPartition);
    }

    public boolean has(String platform) {
        return images.stream().anyMatch(i -> i.platform().equals(platform));
    }

    /** Platforms in record order, for comparing before and after. */
    public List<String> platforms() {
        return images.stream().map(BootImage::platform).toList();
    }
}
