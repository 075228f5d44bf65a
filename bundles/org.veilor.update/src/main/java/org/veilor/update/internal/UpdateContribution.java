package org.veilor.update.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.veilor.core.FileAttrs;
import org.veilor.core.Gate;
import org.veilor.core.ReleaseGates;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsContribution;
import org.veilor.core.contrib.OsFile;

/**
 * What updates add to the image: from release v1.0, {@code /usr/bin/veilor-update}, the strategy's
 * thin wrapper around {@code bootc upgrade --apply}, as a small script that asks the node agent
 * (which runs bootc, checks the signature state and keeps the rollback rule). Before v1.0 nothing:
 * {@code ujust update} keeps secureblue's own path. Decided each time the image is rendered.
 */
@Component(service = OsContribution.class, name = "org.veilor.update.contribution")
public class UpdateContribution implements OsContribution {

    static final String WRAPPER = "/usr/bin/veilor-update";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReleaseGates gates;

    @Override
    public String id() {
        return "org.veilor.update";
    }

    @Override
    public ImageContribution contribution() {
        return contribution(gates);
    }

    static ImageContribution contribution(ReleaseGates g) {
        ImageContribution.Builder b = ImageContribution.builder();
        if (g != null && g.check(Gate.UPDATE_WRAPPER).allowed()) {
            b.file(OsFile.text(WRAPPER, resource("veilor-update.sh"), FileAttrs.EXECUTABLE));
        }
        return b.build();
    }

    static String resource(String name) {
        try (InputStream in = UpdateContribution.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from org.veilor.update");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
