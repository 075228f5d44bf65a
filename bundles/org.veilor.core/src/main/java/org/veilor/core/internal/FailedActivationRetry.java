package org.veilor.core.internal;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second half of the configuration rule: a component whose activation failed on an invalid
 * configuration starts once that configuration is fixed.
 *
 * <p>Felix SCR leaves a component whose constructor threw in its failed state even when its
 * configuration is updated afterwards; only disabling and enabling it (or restarting its bundle)
 * makes SCR try again. So on every configuration update, veilor components that failed
 * activation and use that PID (or factory PID) are disabled and enabled once, on one worker.
 */
@Component(service = ConfigurationListener.class, name = "org.veilor.core.retry")
public class FailedActivationRetry implements ConfigurationListener {

    private final Logger logger = LoggerFactory.getLogger(FailedActivationRetry.class);
    private final ServiceComponentRuntime scr;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "veilor-activation-retry"));

    @Activate
    public FailedActivationRetry(@Reference ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        String pid = event.getPid();
        String factoryPid = event.getFactoryPid();
        worker.execute(() -> retry(pid, factoryPid));
    }

    private void retry(String pid, String factoryPid) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.bundle == null || d.bundle.symbolicName == null || !d.bundle.symbolicName.startsWith("org.veilor")) {
                continue;
            }
            boolean uses = Arrays.asList(d.configurationPid).contains(pid)
                    || (factoryPid != null && Arrays.asList(d.configurationPid).contains(factoryPid));
            if (!uses || !failed(d)) {
                continue;
            }
            logger.info("{}: configuration {} changed; retrying the failed activation", d.name, pid);
            try {
                scr.disableComponent(d).getValue();
                scr.enableComponent(d).getValue();
            } catch (Exception e) {
                logger.warn("{}: cannot retry its activation: {}", d.name, e.getMessage());
                logger.debug("retry failure", e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean failed(ComponentDescriptionDTO d) {
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
            if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                return true;
            }
        }
        return false;
    }
}
