package org.veilor.mesh.reticulum.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.veilor.rnode.LoraRadio;

/**
 * The {@link LoraRadio} services registered now, with their properties, so the layer can find the
 * radio its configuration names by name ({@value LoraRadio#NAME}) or by configuration PID
 * ({@value LoraRadio#CONFIG}). A radio's service is withdrawn while it is lost and stays registered
 * while handed over, so "no service" means not configured, absent or down.
 */
final class RadioDirectory {

    private final Map<LoraRadio, Map<String, Object>> radios = new ConcurrentHashMap<>();

    void add(LoraRadio radio, Map<String, Object> properties) {
        radios.put(radio, Map.copyOf(properties));
    }

    void remove(LoraRadio radio) {
        radios.remove(radio);
    }

    /** Every radio registered now. */
    List<LoraRadio> all() {
        return List.copyOf(radios.keySet());
    }

    /** The radio with this name or configuration PID. */
    Optional<LoraRadio> find(String nameOrPid) {
        for (Map.Entry<LoraRadio, Map<String, Object>> e : radios.entrySet()) {
            Map<String, Object> p = e.getValue();
            if (nameOrPid.equals(p.get(LoraRadio.NAME)) || nameOrPid.equals(p.get(LoraRadio.CONFIG))) {
                return Optional.of(e.getKey());
            }
        }
        // A renamed radio keeps its service properties until it is registered again: ask it too.
        return radios.keySet().stream().filter(r -> nameOrPid.equals(r.name())).findFirst();
    }
}
