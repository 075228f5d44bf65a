package org.veilor.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.core}: the host seam and the release gates. */
@ObjectClassDefinition(name = "Veilor core",
        description = "Host root and executable search path for everything that touches the machine, and the release stage with its gates.")
public @interface CoreConfig {

    @AttributeDefinition(name = "Host root",
            description = "Folder all host paths resolve under, like a chroot: '/' on a node. The default is a sandbox in the Karaf data folder, so a newcomer's run never writes the real /etc. ${karaf.data}, ${karaf.base}, ${karaf.home} and ${env.NAME} are expanded.")
    String hostRoot() default "${karaf.data}/veilor/host";

    @AttributeDefinition(name = "Executable search path",
            description = "':'-separated folders where processes are looked up, in order; also the PATH they get. ${env.PATH} is the agent's own PATH.")
    String executablePath() default "${env.PATH}";

    @AttributeDefinition(name = "Release stage", description = "The strategy's release stage this instance runs at.",
            options = {
                    @org.osgi.service.metatype.annotations.Option(label = "v0.5", value = "v0.5"),
                    @org.osgi.service.metatype.annotations.Option(label = "v0.7", value = "v0.7"),
                    @org.osgi.service.metatype.annotations.Option(label = "v0.8", value = "v0.8"),
                    @org.osgi.service.metatype.annotations.Option(label = "v1.0", value = "v1.0") })
    String release() default "v0.7";

    @AttributeDefinition(name = "Public ISO",
            description = "Publish the bootstrap ISO. Refused while the external guest-ACL blocker is open.")
    boolean publicIso() default false;

    @AttributeDefinition(name = "Guest ACL blocker fixed",
            description = "Whether the external Traefik no-guest ACL gap on nullstone (owned outside veilor-os) has been fixed.")
    boolean guestAclBlockerFixed() default false;
}
