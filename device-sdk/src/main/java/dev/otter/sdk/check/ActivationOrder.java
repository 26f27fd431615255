package dev.otter.sdk.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otter.sdk.store.Slot;
import dev.otter.sdk.store.StoreState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The order in which an engine's and a model's changes of one answer may be activated: a change
 * that must come after another's waits (stays pending) until that one is current; two that must go
 * together wait until both are ready, then switch at the same session start. Kept on disk with the
 * models, so that an app restarted before its next check still respects it.
 */
public final class ActivationOrder {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a family's change waits for: another family reaching {@code target}, after it or together with it. */
    private static final class Wait {
        final String other;
        final Slot target;
        final boolean together;

        Wait(String other, Slot target, boolean together) {
            this.other = other;
            this.target = target;
            this.together = together;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Wait
                    && other.equals(((Wait) o).other)
                    && target.equals(((Wait) o).target)
                    && together == ((Wait) o).together;
        }

        @Override
        public int hashCode() {
            return Objects.hash(other, target, together);
        }
    }

    private final Map<String, Wait> waits;

    private ActivationOrder(Map<String, Wait> waits) {
        this.waits = waits;
    }

    /** No order: every pending change may be activated. */
    public static final ActivationOrder NONE = new ActivationOrder(new HashMap<>());

    /** The order an answer's decisions state ({@code apply_after}, {@code same_session}). */
    public static ActivationOrder of(Collection<Decision> decisions) {
        Map<String, Decision> byFamily = new HashMap<>();
        decisions.forEach(d -> byFamily.put(d.family(), d));
        Map<String, Wait> waits = new HashMap<>();
        for (Decision d : decisions) {
            Decision first = d.applyAfter() == null ? null : byFamily.get(d.applyAfter());
            if (first == null || first.target() == null || d.target() == null) {
                continue;
            }
            waits.put(d.family(), new Wait(first.family(), first.target(), false));
            if (d.sameSession()) {
                waits.put(first.family(), new Wait(d.family(), d.target(), true));
            }
        }
        return new ActivationOrder(waits);
    }

    /**
     * The families to consider, in the order to activate them: those that wait for nothing, then
     * those activated together with another, then those that come after another.
     */
    public List<String> sorted(Collection<String> families) {
        List<String> sorted = new ArrayList<>();
        families.stream().filter(f -> !waits.containsKey(f)).forEach(sorted::add);
        families.stream()
                .filter(f -> waits.containsKey(f) && waits.get(f).together)
                .forEach(sorted::add);
        families.stream()
                .filter(f -> waits.containsKey(f) && !waits.get(f).together)
                .forEach(sorted::add);
        return sorted;
    }

    /** Whether {@code family}'s pending change may be activated now, given every family's state. */
    public boolean ready(String family, Function<String, StoreState> states) {
        Wait wait = waits.get(family);
        if (wait == null) {
            return true;
        }
        StoreState other = states.apply(wait.other);
        if (other == null || wait.target.equals(other.current())) {
            return true;
        }
        return wait.together && wait.target.equals(other.pending());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationOrder && waits.equals(((ActivationOrder) o).waits);
    }

    @Override
    public int hashCode() {
        return waits.hashCode();
    }

    public byte[] toJson() throws IOException {
        ArrayNode list = JSON.createArrayNode();
        waits.forEach((family, w) -> {
            ObjectNode n = list.addObject();
            n.put("family", family).put("other", w.other).put("together", w.together);
            n.put("version", w.target.version()).put("tier", w.target.tier()).put("sha256", w.target.sha256());
        });
        return JSON.writeValueAsBytes(list);
    }

    public static ActivationOrder fromJson(byte[] bytes) throws IOException {
        Map<String, Wait> waits = new HashMap<>();
        for (JsonNode n : JSON.readTree(bytes)) {
            waits.put(
                    n.path("family").asText(),
                    new Wait(
                            n.path("other").asText(),
                            new Slot(
                                    n.path("version").asText(),
                                    n.path("tier").textValue(),
                                    n.path("sha256").asText()),
                            n.path("together").asBoolean()));
        }
        return new ActivationOrder(waits);
    }
}
