package org.veilor.update.internal;

/**
 * What {@code bootc status --format=json} says, as far as the agent needs it.
 *
 * @param apiVersion {@code org.containers.bootc/v1}
 * @param booted the booted deployment; null when the host is not deployed by bootc
 * @param staged the deployment queued for the next boot, or null
 * @param rollback the previous deployment, or null
 * @param rollbackQueued whether the rollback deployment boots next
 */
public record BootcHost(String apiVersion, Entry booted, Entry staged, Entry rollback, boolean rollbackQueued) {

    /**
     * An image as bootc reports it ({@code ImageStatus}).
     *
     * @param image the reference ({@code image.image})
     * @param transport {@code registry}, {@code containers-storage}, {@code oci}…
     * @param signature {@code containerPolicy}, {@code insecure}, {@code ostreeRemote:NAME}, or null when not given
     */
    public record Image(String image, String transport, String signature, String digest, String version,
            String timestamp) {
    }

    /**
     * A deployment ({@code BootEntry}).
     *
     * @param image its image, null when bootc does not know it (an OSTree deployment not from a container)
     * @param cachedUpdate what the last {@code bootc upgrade --check} found for it, or null
     * @param deploySerial {@code ostree.deploySerial}, or null
     */
    public record Entry(Image image, Image cachedUpdate, boolean pinned, boolean incompatible, Integer deploySerial,
            String checksum, String stateroot) {

        public String digest() {
            return image == null ? null : image.digest();
        }
    }
}
