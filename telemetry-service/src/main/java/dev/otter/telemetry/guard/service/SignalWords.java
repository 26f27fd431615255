package dev.otter.telemetry.guard.service;

import dev.otter.contract.rollout.GuardSignal;

/** How a signal's rate, events and trials read in a verdict's reason. */
record SignalWords(String rate, String events, String trials) {
    static SignalWords of(GuardSignal signal) {
        return switch (signal) {
            case CRASH -> new SignalWords("crash rate", "crashes", "sessions");
            case LOAD_FAILURE -> new SignalWords("load-failure rate", "failed loads", "switches");
            case VERIFY_FAILURE -> new SignalWords("verify-failure rate", "failed verifications", "downloads");
            case SEVERE_ERRORS -> new SignalWords("SEVERE-error rate", "SEVERE errors", "sessions");
            case CPU_OVER -> new SignalWords("share over the CPU limit", "reports over", "resource reports");
            case MEMORY_OVER -> new SignalWords("share over the memory limit", "reports over", "resource reports");
            case STORAGE_OVER -> new SignalWords("share over the storage limit", "reports over", "resource reports");
            case BATTERY_OVER -> new SignalWords("share over the battery limit", "reports over", "resource reports");
        };
    }
}
