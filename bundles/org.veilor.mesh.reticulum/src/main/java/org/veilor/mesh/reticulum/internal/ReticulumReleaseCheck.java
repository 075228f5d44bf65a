package org.veilor.mesh.reticulum.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;

/**
 * {@code veilor:release} step {@code reticulum}: judges the node profile that goes into the image
 * (see {@link NodeProfileCheck}). It writes no file. The node profile is the one the image bundle
 * is configured with ({@code org.veilor.image}, key {@code nodeProfile}), else the distribution's own.
 */
@Component(service = ReleaseArtifact.class, name = "org.veilor.mesh.reticulum.release")
public class ReticulumReleaseCheck implements ReleaseArtifact {

    static final String IMAGE_PID = "org.veilor.image";
    /** The distribution's node profile, which the image takes unless configured otherwise. */
    static final String DEFAULT_PROFILE = "${karaf.home}/profiles/node";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(karaf\\.[a-z]+)}");

    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ConfigurationAdmin configAdmin;

    @Activate
    public ReticulumReleaseCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "reticulum";
    }

    @Override
    public List<Finding> produce(Path releaseDir, Progress progress) throws IOException {
        Path profile = Path.of(expand(nodeProfile()));
        progress.line("checking the node profile's L3c settings in " + profile);
        return NodeProfileCheck.check(profile);
    }

    private String nodeProfile() throws IOException {
        ConfigurationAdmin admin = configAdmin;
        if (admin != null) {
            try {
                Configuration[] cs = admin.listConfigurations("(service.pid=" + IMAGE_PID + ")");
                if (cs != null && cs.length > 0) {
                    Dictionary<String, Object> p = cs[0].getProperties();
                    Object v = p == null ? null : p.get("nodeProfile");
                    if (v != null && !v.toString().isBlank()) {
                        return v.toString();
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return DEFAULT_PROFILE;
    }

    private String expand(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = context.getProperty(m.group(1));
            if (v == null) {
                throw new IllegalStateException("unknown placeholder ${" + m.group(1) + "} in the node profile path " + value);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
