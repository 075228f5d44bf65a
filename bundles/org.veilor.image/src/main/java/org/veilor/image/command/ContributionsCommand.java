package org.veilor.image.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.image.internal.Contributed;
import org.veilor.image.internal.ImageService;

/** {@code image:contributions}: what each installed concern adds to the image. */
@Command(scope = "image", name = "contributions", description = "Lists the OS contributions the next render takes, in render order, with what each adds.")
@Service
public class ContributionsCommand implements Action {

    @Reference(optional = true)
    ImageService image;

    @Override
    public Object execute() throws Exception {
        ImageService svc = Commands.require(image);
        ShellTable t = new ShellTable();
        t.column("Contribution");
        t.column("Bundle");
        t.column("Files").alignRight();
        t.column("Packages").alignRight();
        t.column("Units").alignRight();
        t.column("Justfiles").alignRight();
        t.column("Firewall").alignRight();
        t.column("Kernel args").alignRight();
        t.column("Scripts").alignRight();
        for (Contributed c : svc.contributions()) {
            ImageContribution x = c.contribution();
            long packages = x.packages().stream().mapToLong(p -> p.install().size() + p.remove().size()).sum();
            t.addRow().addContent(c.origin().id(), c.origin().bundle(), x.files().size(), packages, x.units().size(),
                    x.justfiles().size(), x.firewall().size(), x.kernelArgs().size(), x.scripts().size());
        }
        t.print(System.out);
        return null;
    }
}
