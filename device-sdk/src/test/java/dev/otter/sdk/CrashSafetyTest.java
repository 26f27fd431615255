package dev.otter.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.UserConsent;
import dev.otter.sdk.download.DownloadResult;
import dev.otter.sdk.store.Faults;
import dev.otter.sdk.store.ModelStore;
import dev.otter.sdk.store.Slot;
import dev.otter.sdk.store.StoreState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the SDK at every fault point of a device's life — first install, a patch, a model that fails
 * to load and is rolled back locally, a patch that does not apply, a rollback to the kept model —
 * and checks that the restarted device holds only models that verify, then finishes where the
 * device that was never killed finished.
 */
class CrashSafetyTest {
    private static final Set<String> FAILS_TO_LOAD = Set.of("3.0.0");

    private final FakeOtter otter = new FakeOtter();
    private final byte[] v1 = Models.model(200_000, 1);
    private final byte[] v2 = Models.edited(v1, 2);
    private final byte[] v3 = Models.edited(v2, 3);
    private final byte[] v4 = Models.model(200_000, 4);
    private final List<ObjectNode> phases = new ArrayList<>();

    @TempDir
    Path root;

    CrashSafetyTest() throws Exception {
        phases.add(Models.decision("UPDATE", "1.0.0", otter.serve("v1", v1), v1));
        byte[] p12 = Models.patch(v1, v2);
        phases.add(Models.withPatch(
                Models.decision("UPDATE", "2.0.0", otter.serve("v2", v2), v2), otter.serve("p12", p12), p12, v1));
        byte[] p23 = Models.patch(v2, v3);
        phases.add(Models.withPatch(
                Models.decision("UPDATE", "3.0.0", otter.serve("v3", v3), v3), otter.serve("p23", p23), p23, v2));
        byte[] wrong = Models.patch(Models.model(200_000, 9), v4); // claims v2 as its base, is not
        phases.add(Models.withPatch(
                Models.decision("UPDATE", "4.0.0", otter.serve("v4", v4), v4), otter.serve("p24", wrong), wrong, v2));
        phases.add(Models.decision("ROLLBACK", "2.0.0", otter.serve("v2", v2), v2));
    }

    @AfterEach
    void stop() {
        otter.close();
    }

    /** Stops the work at the {@code killAt}-th fault point reached (0: never), and counts them. */
    private static final class Kill implements Faults {
        final int killAt;
        int reached;
        String where;

        Kill(int killAt) {
            this.killAt = killAt;
        }

        @Override
        public void at(String point) {
            if (++reached == killAt) {
                where = point;
                throw new Killed(point);
            }
        }
    }

    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(String point) {
            super("killed at " + point);
        }
    }

    private OtterDevice device(Path dir, Faults faults) throws IOException {
        OtterDevice d = otter.device(dir, f -> f.platform("android").unmetered(true))
                .faults(faults)
                .sync(false) // a kill, not a power cut: what was written survives without fsync
                .build();
        d.telemetry().setConsent(true);
        return d;
    }

    // One phase as an app runs it: check, download, start a session, load (rolling back if it fails).
    private void phase(OtterDevice device, int p, Faults faults) throws IOException {
        otter.decide(phases.get(p));
        Decision decision = device.checkForUpdates().decision("assistant");
        DownloadResult r = device.download(decision, UserConsent.CONFIRMED, (done, total) -> {
            try {
                faults.at("download.progress");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return true;
        });
        assertThat(r.outcome()).isIn(DownloadResult.Outcome.READY, DownloadResult.Outcome.NOTHING_TO_DO);
        device.activatePendingAtSessionStart();
        Path model = device.currentModel("assistant");
        while (model != null && !loads(device)) {
            device.reportLoadFailure("assistant");
            model = device.currentModel("assistant");
        }
        device.reportLoaded("assistant");
    }

    private static boolean loads(OtterDevice device) throws IOException {
        Slot current = device.store("assistant").state().current();
        return device.store("assistant").verifies(current) && !FAILS_TO_LOAD.contains(current.version());
    }

    /** Runs every phase; a kill ends the run (as it ends the process) and says in which phase. */
    private int run(Path dir, Kill kill) throws IOException {
        int p = 0;
        try {
            OtterDevice device = device(dir, kill);
            for (; p < phases.size(); p++) {
                phase(device, p, kill);
            }
            return -1;
        } catch (Killed killed) {
            return p;
        }
    }

    private static String summary(StoreState s) {
        return Stream.of(s.current(), s.pending(), s.previous())
                .map(slot -> slot == null ? "-" : slot.version())
                .collect(Collectors.joining(" "));
    }

    @Test
    void aKillAtAnyPointLeavesModelsThatVerifyAndTheDeviceFinishesWhereItWouldHave() throws Exception {
        Kill counting = new Kill(0);
        Path clean = root.resolve("clean");
        assertThat(run(clean, counting)).isEqualTo(-1);
        StoreState expected = device(clean, Faults.NONE).store("assistant").state();
        assertThat(summary(expected)).isEqualTo("2.0.0 - 4.0.0");
        assertThat(counting.reached).as("fault points in a device's life").isGreaterThan(40);
        System.out.printf("CrashSafetyTest: %d fault points%n", counting.reached);

        Set<String> points = new TreeSet<>();
        for (int k = 1; k <= counting.reached; k++) {
            Path dir = root.resolve("kill-" + k);
            Kill kill = new Kill(k);
            int phase = run(dir, kill);
            assertThat(phase).as("kill %d is reached", k).isGreaterThanOrEqualTo(0);
            points.add(kill.where.replaceAll(":.*", ""));

            OtterDevice restarted = device(dir, Faults.NONE); // the reboot
            assertHoldsOnlyModelsThatVerify(restarted.store("assistant"), "kill " + k + " at " + kill.where);
            for (int p = phase; p < phases.size(); p++) {
                phase(restarted, p, Faults.NONE);
            }
            StoreState finished = restarted.store("assistant").state();
            assertThat(summary(finished)).as("kill %d at %s", k, kill.where).isEqualTo(summary(expected));
            assertThat(Files.readAllBytes(restarted.currentModel("assistant"))).isEqualTo(v2);
        }
        assertThat(points)
                .contains(
                        "download.progress",
                        "download.complete",
                        "patch.before",
                        "downloaded.before-rename",
                        "downloaded.after-rename",
                        "save.before",
                        "save.after",
                        "write.half",
                        "write.before-rename");
    }

    private static void assertHoldsOnlyModelsThatVerify(ModelStore store, String when) throws IOException {
        StoreState s = store.state();
        List<String> named = new ArrayList<>();
        for (Slot slot : Arrays.asList(s.current(), s.pending(), s.previous())) {
            if (slot != null) {
                assertThat(store.verifies(slot))
                        .as("%s: %s verifies", when, slot)
                        .isTrue();
                named.add(store.file(slot).getFileName().toString());
            }
        }
        try (Stream<Path> models =
                Files.list(store.file(new Slot("0", null, "x")).getParent())) {
            assertThat(models.map(f -> f.getFileName().toString()))
                    .as("%s: no model file that no slot names", when)
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(named));
        }
    }
}
