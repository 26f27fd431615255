package dev.otter.manifest.signal.service;

import dev.otter.manifest.update.api.Action;
import dev.otter.manifest.update.api.FamilyDecision;
import dev.otter.manifest.update.api.Reason;
import java.util.Objects;

/**
 * The part of one family's decision a stream compares across changes: the action and its reason,
 * the version the device should end up on ({@code desired}: the offered one, else the installed
 * one) and whether the offer is urgent. Download links and notes are left out.
 */
record Outcome(Action action, Reason reason, String desired, boolean urgent) {

    static Outcome of(FamilyDecision d) {
        String desired =
                switch (d.action()) {
                    case UPDATE, ROLLBACK -> d.version();
                    case NO_UPDATE -> Objects.requireNonNullElse(d.installedVersion(), "");
                    case UNINSTALL -> "-";
                    case INCOMPATIBLE -> "x";
                };
        return new Outcome(d.action(), d.reason(), desired, Boolean.TRUE.equals(d.urgent()));
    }
}
