package dev.otter.contract.rollout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How the guard judges one signal: its threshold, its margin over the baseline's rate, and its mode. */
public record SignalGuard(GuardSignal signal, double threshold, double baselineMargin, GuardMode mode) {

    /**
     * Every signal once, in the enum's order: those given, the others at their defaults — the crash
     * signal, unless given, from the guard's crash-rate threshold and margin.
     */
    public static List<SignalGuard> complete(List<SignalGuard> given, double crashThreshold, double crashMargin) {
        Map<GuardSignal, SignalGuard> bySignal = new EnumMap<>(GuardSignal.class);
        if (given != null) {
            given.forEach(g -> bySignal.put(g.signal(), g));
        }
        List<SignalGuard> all = new ArrayList<>();
        for (GuardSignal s : GuardSignal.values()) {
            SignalGuard byDefault = s == GuardSignal.CRASH
                    ? new SignalGuard(s, crashThreshold, crashMargin, GuardMode.ENFORCE)
                    : s.byDefault();
            all.add(bySignal.getOrDefault(s, byDefault));
        }
        return List.copyOf(all);
    }

    /** The one for {@code signal} in a complete list. */
    public static SignalGuard of(List<SignalGuard> complete, GuardSignal signal) {
        return complete.get(signal.ordinal());
    }
}
