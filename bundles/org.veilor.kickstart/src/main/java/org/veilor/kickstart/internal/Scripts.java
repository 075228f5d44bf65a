package org.veilor.kickstart.internal;

/**
 * The shell sections of install.ks. They run in the Anaconda environment (bash and curl are there)
 * and say plainly what happened, because the person in front of the installer has nothing else.
 */
final class Scripts {

    static final String REGISTRY_LOG = "/tmp/veilor-registry-check.log";

    private Scripts() {
    }

    /**
     * %pre runs before Anaconda touches any disk, so stopping here leaves every disk as it was:
     * better than an ostreecontainer pass that fails half-way. A registry answers {@code /v2/} with
     * 200, or 401 when it wants a token; either proves it is reachable.
     */
    static String registryCheck(String host, int attempts, int firstDelay) {
        return "%pre --interpreter=/usr/bin/bash --erroronfail --log=" + REGISTRY_LOG + "\n"
                + "# Checks that the image registry answers before any disk is touched (%pre runs before\n"
                + "# storage), retrying with backoff; stops the install with a clear message if it does not.\n"
                + "registry='" + host + "'\n"
                + "attempts=" + attempts + "\n"
                + "delay=" + firstDelay + "\n"
                + "for attempt in $(seq 1 \"$attempts\"); do\n"
                + "    code=$(curl --silent --output /dev/null --write-out '%{http_code}' --connect-timeout 10 \\\n"
                + "        --max-time 30 \"https://${registry}/v2/\") || code=000\n"
                + "    if [ \"$code\" = 200 ] || [ \"$code\" = 401 ]; then\n"
                + "        echo \"veilor: registry ${registry} reachable (HTTP ${code}, attempt ${attempt} of ${attempts})\"\n"
                + "        exit 0\n"
                + "    fi\n"
                + "    echo \"veilor: registry ${registry} not reachable (HTTP ${code}, attempt ${attempt} of ${attempts})\"\n"
                + "    if [ \"$attempt\" -lt \"$attempts\" ]; then\n"
                + "        echo \"veilor: retrying in ${delay} s\"\n"
                + "        sleep \"$delay\"\n"
                + "        delay=$((delay * 2))\n"
                + "    fi\n"
                + "done\n"
                + "echo \"veilor: cannot reach the image registry ${registry} after ${attempts} attempts; the install stops here.\" >&2\n"
                + "echo \"veilor: no disk was changed. Check the network (cable, Wi-Fi, proxy), then reboot from the\" >&2\n"
                + "echo \"veilor: bootstrap medium and start again.\" >&2\n"
                + "exit 1\n"
                + "%end\n";
    }

    /**
     * The signed origin of the same image: --mutate-in-place only rewrites the origin of the
     * deployment just made (no pull, no second deployment), so it is not a rebase.
     */
    static String signedOrigin(String imageRef) {
        return "%post --interpreter=/usr/bin/bash --erroronfail --log=/root/veilor-signed-origin.log\n"
                + "# Records the signed origin of the image just installed. Same image, nothing pulled, no second\n"
                + "# deployment: not a rebase. bootc upgrade then verifies the image's cosign signature.\n"
                + "bootc switch --mutate-in-place --enforce-container-sigpolicy --transport registry " + imageRef + "\n"
                + "%end\n";
    }

    /**
     * Anaconda sets up the boot loader only after the image is deployed; should a later step fail
     * (the signed origin), the boot entries are moved aside so nothing half-installed boots.
     */
    static String onError(String imageRef) {
        return "%onerror --interpreter=/usr/bin/bash\n"
                + "# Runs when the install fails, the registry check included: says what happened and how to retry.\n"
                + "for entries in /mnt/sysroot/boot/loader/entries /mnt/sysimage/boot/loader/entries; do\n"
                + "    if compgen -G \"${entries}/*.conf\" > /dev/null; then\n"
                + "        mkdir -p \"${entries}.veilor-failed\" && mv \"${entries}\"/*.conf \"${entries}.veilor-failed/\"\n"
                + "    fi\n"
                + "done\n"
                + "{\n"
                + "    echo\n"
                + "    echo \"veilor: installing " + imageRef + " failed; this disk does not boot a half-installed system.\"\n"
                + "    echo \"veilor: logs: " + REGISTRY_LOG + ", /tmp/anaconda.log, /tmp/packaging.log, /tmp/program.log\"\n"
                + "    echo \"veilor: (another console: Ctrl+Alt+F2).\"\n"
                + "    echo \"veilor: to retry, fix the cause (usually the network or the registry), reboot from the\"\n"
                + "    echo \"veilor: bootstrap medium and start again; the target disk is partitioned anew.\"\n"
                + "} | tee -a /tmp/veilor-install-failed.txt\n"
                + "%end\n";
    }
}
