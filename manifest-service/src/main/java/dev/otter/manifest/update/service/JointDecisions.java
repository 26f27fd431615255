package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.FamilyKind;
import dev.otter.manifest.catalog.snapshot.CatalogSnapshot;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.update.api.FamilyDecision;
import dev.otter.manifest.update.api.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the families of one check together, so that engine and model answers agree: engines
 * first; then each model against the engine version the device will run once the answer is applied
 * (never a model that engine cannot load); an engine change that would leave a model the device uses
 * with no loadable version is held back (an engine rollback never strands a model); and when both
 * change, the order to activate them ({@code apply_after}, {@code same_session}).
 */
final class JointDecisions {
    private final UpdateDecider decider;

    JointDecisions(UpdateDecider decider) {
        this.decider = decider;
    }

    /** One family asked about, with its catalog entry (null: unknown family) and release directive. */
    record Asked(FamilyQuery query, FamilyCatalog family, Directive directive) {

        boolean isEngine() {
            return family != null && family.kind() == FamilyKind.ENGINE;
        }
    }

    /** The decisions, in the order asked. */
    List<FamilyDecision> decide(DeviceProfile device, List<Asked> asked) {
        FamilyDecision[] out = new FamilyDecision[asked.size()];
        Map<String, SemVer> engines = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            Asked a = asked.get(i);
            if (a.isEngine()) {
                out[i] = decider.decide(new DecisionInput(device, a.query(), a.family(), a.directive()));
                engines.put(a.query().family(), after(out[i], a.query()));
            }
        }
        decideModels(device, asked, engines, out);
        for (int i = 0; i < out.length; i++) {
            Asked engine = asked.get(i);
            if (!engine.isEngine() || !out[i].changesVersion() || engine.query().installedVersion() == null) {
                continue;
            }
            String stranded = stranded(engine.query().family(), engines, asked, out);
            if (stranded != null) {
                SemVer kept = engine.query().installedVersion();
                out[i] = decider.keep(
                        new DecisionInput(device, engine.query(), engine.family(), engine.directive()),
                        Reason.ENGINE_HELD,
                        "keep " + engine.query().family() + " " + kept + " (not " + out[i].version() + "): "
                                + stranded);
                engines.put(engine.query().family(), kept);
                decideModels(device, asked, engines, out);
            }
        }
        order(asked, out);
        return List.of(out);
    }

    private void decideModels(
            DeviceProfile device, List<Asked> asked, Map<String, SemVer> engines, FamilyDecision[] out) {
        for (int i = 0; i < out.length; i++) {
            Asked a = asked.get(i);
            if (!a.isEngine()) {
                out[i] = decider.decide(new DecisionInput(device, a.query(), a.family(), a.directive(), engines));
            }
        }
    }

    // The engine version the device runs once the decision is applied.
    private static SemVer after(FamilyDecision decision, FamilyQuery query) {
        return decision.changesVersion() ? SemVer.parse(decision.version()) : query.installedVersion();
    }

    // A model the device runs that the engine's new version cannot load, and that is not moved to one it loads.
    private static String stranded(
            String engine, Map<String, SemVer> engines, List<Asked> asked, FamilyDecision[] out) {
        SemVer next = engines.get(engine);
        for (int i = 0; i < out.length; i++) {
            Asked a = asked.get(i);
            VersionEntry installed = installed(a);
            if (a.isEngine() || installed == null || out[i].changesVersion()) {
                continue;
            }
            if (!installed.loadsOn(engine, next)) {
                return a.query().family() + " " + installed.version() + " needs "
                        + installed.engine().describe()
                        + " and no version of " + a.query().family() + " that " + engine + " " + next
                        + " loads fits this device";
            }
        }
        return null;
    }

    // Model and engine both change: activate first the one that works with the other's current
    // version; when neither does, both at the same session start (engine first).
    private static void order(List<Asked> asked, FamilyDecision[] out) {
        for (int m = 0; m < out.length; m++) {
            Asked model = asked.get(m);
            if (model.isEngine() || model.family() == null || !out[m].changesVersion()) {
                continue;
            }
            VersionEntry next =
                    model.family().find(SemVer.parse(out[m].version())).orElseThrow();
            if (next.engine() == null) {
                continue;
            }
            int e = indexOf(asked, next.engine().family());
            if (e < 0 || !out[e].changesVersion()) {
                continue;
            }
            String engine = next.engine().family();
            SemVer engineNow = asked.get(e).query().installedVersion();
            SemVer engineNext = SemVer.parse(out[e].version());
            VersionEntry installed = installed(model);
            boolean modelFirst = engineNow != null && next.loadsOn(engine, engineNow);
            boolean engineFirst = installed == null || installed.loadsOn(engine, engineNext);
            if (modelFirst && !engineFirst) {
                out[e] = out[e].applyingAfter(model.query().family(), false);
            } else if (engineFirst && !modelFirst) {
                out[m] = out[m].applyingAfter(engine, false);
            } else if (!modelFirst) {
                out[m] = out[m].applyingAfter(engine, true);
                out[e] = out[e].inSameSession();
            }
        }
    }

    private static VersionEntry installed(Asked a) {
        SemVer v = a.query().installedVersion();
        return v == null || a.family() == null ? null : a.family().find(v).orElse(null);
    }

    private static int indexOf(List<Asked> asked, String family) {
        for (int i = 0; i < asked.size(); i++) {
            if (asked.get(i).query().family().equals(family)) {
                return i;
            }
        }
        return -1;
    }

    /** The asked families of a check, with catalog entries and directives. */
    static List<Asked> asked(List<FamilyQuery> queries, CatalogSnapshot snapshot, List<Directive> directives) {
        List<Asked> asked = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            FamilyQuery q = queries.get(i);
            asked.add(new Asked(q, snapshot.family(q.family()).orElse(null), directives.get(i)));
        }
        return asked;
    }
}
