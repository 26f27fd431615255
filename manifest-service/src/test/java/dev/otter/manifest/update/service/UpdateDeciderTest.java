package dev.otter.manifest.update.service;

import static dev.otter.manifest.update.service.Catalogs.artifact;
import static dev.otter.manifest.update.service.Catalogs.device;
import static dev.otter.manifest.update.service.Catalogs.family;
import static dev.otter.manifest.update.service.Catalogs.needs;
import static dev.otter.manifest.update.service.Catalogs.published;
import static dev.otter.manifest.update.service.Catalogs.v;
import static dev.otter.manifest.update.service.Catalogs.version;
import static dev.otter.manifest.update.service.Catalogs.withArtifacts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.Channel;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.update.api.Action;
import dev.otter.manifest.update.api.Assignment;
import dev.otter.manifest.update.api.FamilyDecision;
import dev.otter.manifest.update.api.Missing;
import dev.otter.manifest.update.api.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpdateDeciderTest {
    private final UpdateDecider decider = new UpdateDecider(50L * 1024 * 1024);

    private FamilyDecision decide(
            FamilyCatalog family, DeviceProfile device, String installed, String sha, String tier) {
        return decider.decide(new DecisionInput(
                device,
                new FamilyQuery("assistant", installed == null ? null : v(installed), sha, tier),
                family,
                Directive.NEWEST));
    }

    private FamilyDecision decide(FamilyCatalog family, String installed, String tier) {
        return decide(family, device(8192), installed, null, tier);
    }

    @Nested
    class NoCandidate {
        @Test
        void unknownFamily() {
            FamilyDecision d = decide(null, "1.0.0", "1b");
            assertThat(d.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.UNKNOWN_FAMILY);
            assertThat(d.message()).contains("assistant");
        }

        @Test
        void nothingPublishedOnTheChannel() {
            FamilyCatalog f = family(
                    version("2.0.0", VersionStatus.DEPRECATED, Channel.STABLE),
                    version("3.0.0", VersionStatus.PUBLISHED, Channel.BETA));
            FamilyDecision d = decide(f, null, "1b");
            assertThat(d.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.NOTHING_PUBLISHED);
            assertThat(d.version()).isNull();
        }

        @Test
        void incompatibleWhenNothingInstalledAndNothingFits() {
            FamilyCatalog f = family(published("2.0.0"));
            FamilyDecision d = decide(f, device(4096), null, null, "3b");
            assertThat(d.action()).isEqualTo(Action.INCOMPATIBLE);
            assertThat(d.reason()).isEqualTo(Reason.DEVICE_REQUIREMENTS);
            assertThat(d.missing())
                    .extracting(Missing::requirement, Missing::needed, Missing::has, Missing::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            "ram_mb", "6144", "4096", "needs 6144 MB RAM, has 4096"));
            assertThat(d.artifact()).isNull();
        }

        @Test
        void newerButIncompatibleWhileOnADeprecatedVersion() {
            FamilyCatalog f = family(published("2.0.0"), version("1.0.0", VersionStatus.DEPRECATED, Channel.STABLE));
            FamilyDecision d = decide(f, device(4096), "1.0.0", null, "3b");
            assertThat(d.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.NEWER_INCOMPATIBLE);
            assertThat(d.message()).contains("2.0.0").contains("needs 6144 MB RAM, has 4096");
        }

        @Test
        void uninstallWhenRetiredAndNothingReplacesIt() {
            FamilyCatalog f = family(published("2.0.0"), version("1.0.0", VersionStatus.RETIRED, Channel.STABLE));
            FamilyDecision d = decide(f, device(4096), "1.0.0", null, "3b");
            assertThat(d.action()).isEqualTo(Action.UNINSTALL);
            assertThat(d.reason()).isEqualTo(Reason.RETIRED);
            assertThat(d.message()).contains("1.0.0 reached end of service (security issue)");
        }
    }

    @Nested
    class Updates {
        @Test
        void firstInstallOffersTheNewestWithItsArtifactAndConditions() {
            FamilyCatalog f = family(published("2.0.0"), published("2.1.0"));
            FamilyDecision d = decide(f, null, "3b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.FIRST_INSTALL);
            assertThat(d.version()).isEqualTo("2.1.0");
            assertThat(d.artifact().tier()).isEqualTo("3b");
            assertThat(d.artifact().url()).isEqualTo("https://cdn.example.com/2.1.0/3b.gguf");
            assertThat(d.artifact().mirrors()).containsExactly("https://mirror.example.com/3b");
            assertThat(d.artifact().sizeBytes()).isEqualTo(1_740_000_000L);
            assertThat(d.releaseNotes()).isEqualTo("notes 2.1.0");
            assertThat(d.download().wifiOnly()).isTrue();
            assertThat(d.download().freeStorageNeededMb()).isEqualTo(1660);
            assertThat(d.download().enoughStorage()).isTrue();
            assertThat(d.download().userConfirmationRequired()).isTrue();
            assertThat(d.missing()).isNull();
        }

        @Test
        void newerVersionIsOfferedAndVersionsCompareAsSemverNotText() {
            FamilyCatalog f = family(published("2.9.0"), published("2.10.0"));
            FamilyDecision d = decide(f, "2.9.0", "1b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.NEWER_VERSION);
            assertThat(d.version()).isEqualTo("2.10.0");
            assertThat(d.installedVersion()).isEqualTo("2.9.0");
        }

        @Test
        void smallArtifactNeedsNoWifiAndLackingStorageIsACondition() {
            VersionEntry small = withArtifacts(published("1.0.0"), artifact("tiny", "1.0.0", 10_000_000L, needs(0)));
            DeviceProfile full = new DeviceProfile(
                    "install-0001",
                    v("3.2.0"),
                    v("1.4.0"),
                    "android",
                    v("14.0.0"),
                    "Pixel 8",
                    8192,
                    5,
                    "none",
                    "DE",
                    Channel.STABLE);
            FamilyDecision d = decide(family(small), full, null, null, "tiny");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.download().wifiOnly()).isFalse();
            assertThat(d.download().freeStorageNeededMb()).isEqualTo(10);
            assertThat(d.download().enoughStorage()).isFalse();
        }

        @Test
        void fallsBackToTheNewestCompatibleVersionAndSaysWhy() {
            VersionEntry heavy =
                    withArtifacts(published("2.1.0"), artifact("3b", "2.1.0", 1_800_000_000L, needs(12_288)));
            FamilyCatalog f = family(published("2.0.0"), heavy);
            FamilyDecision d = decide(f, "1.0.0", "3b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.version()).isEqualTo("2.0.0");
            assertThat(d.missing()).extracting(Missing::message).containsExactly("needs 12288 MB RAM, has 8192");
        }

        @Test
        void preferredTierAbsentFromTheNewestFallsBackToAVersionThatHasIt() {
            VersionEntry only1b = withArtifacts(published("2.1.0"), artifact("1b", "2.1.0", 600_000_000L, needs(2048)));
            FamilyDecision d = decide(family(published("2.0.0"), only1b), null, "3b");
            assertThat(d.version()).isEqualTo("2.0.0");
            assertThat(d.missing()).extracting(Missing::message).containsExactly("2.1.0 has no 3b tier");
        }

        @Test
        void withoutAPreferredTierTheMostCapableFittingTierIsChosen() {
            FamilyCatalog f = family(published("2.0.0"));
            assertThat(decide(f, device(8192), null, null, null).artifact().tier())
                    .isEqualTo("3b");
            assertThat(decide(f, device(4096), null, null, null).artifact().tier())
                    .isEqualTo("1b");
            FamilyDecision none = decide(f, device(1024), null, null, null);
            assertThat(none.action()).isEqualTo(Action.INCOMPATIBLE);
            assertThat(none.missing()).extracting(Missing::message).containsExactly("needs 2048 MB RAM, has 1024");
        }

        @Test
        void retiredInstalledVersionIsReplacedByANewerOne() {
            FamilyCatalog f = family(published("2.0.0"), version("1.0.0", VersionStatus.RETIRED, Channel.STABLE));
            FamilyDecision d = decide(f, "1.0.0", "1b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.REPLACES_RETIRED);
            assertThat(d.version()).isEqualTo("2.0.0");
        }

        @Test
        void deprecatedInstalledVersionUpdatesLikeAnyOther() {
            FamilyCatalog f = family(published("2.0.0"), version("1.0.0", VersionStatus.DEPRECATED, Channel.STABLE));
            FamilyDecision d = decide(f, "1.0.0", "1b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.NEWER_VERSION);
        }

        @Test
        void sameVersionOtherTierInstalledSwitchesTier() {
            VersionEntry v2 = published("2.0.0");
            String installed1b = v2.artifact("1b").orElseThrow().sha256();
            FamilyDecision d = decide(family(v2), device(8192), "2.0.0", installed1b, "3b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.SWITCH_TIER);
            assertThat(d.artifact().tier()).isEqualTo("3b");
        }

        @Test
        void sameVersionUnknownFileIsRepaired() {
            FamilyDecision d = decide(family(published("2.0.0")), device(8192), "2.0.0", Catalogs.SHA_A, "3b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.REPAIR);
            assertThat(d.version()).isEqualTo("2.0.0");
        }
    }

    @Nested
    class Keeps {
        @Test
        void upToDate() {
            VersionEntry v2 = published("2.0.0");
            String sha = v2.artifact("3b").orElseThrow().sha256();
            FamilyDecision d = decide(family(v2), device(8192), "2.0.0", sha.toUpperCase(), "3b");
            assertThat(d.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.UP_TO_DATE);
            assertThat(d.artifact()).isNull();
        }

        @Test
        void upToDateOnTheNewestCompatibleExplainsTheIncompatibleNewerOne() {
            VersionEntry heavy =
                    withArtifacts(published("2.1.0"), artifact("3b", "2.1.0", 1_800_000_000L, needs(12_288)));
            FamilyDecision d = decide(family(published("2.0.0"), heavy), "2.0.0", "3b");
            assertThat(d.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.UP_TO_DATE);
            assertThat(d.missing()).extracting(Missing::requirement).containsExactly("ram_mb");
        }

        @Test
        void aheadOfTheTargetKeepsItsVersion() {
            FamilyDecision d = decide(family(published("2.0.0")), "2.5.0", "3b");
            assertThat(d.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.AHEAD_OF_TARGET);
        }

        @Test
        void retiredNewerVersionRollsBackToTheNewestCompatible() {
            FamilyCatalog f = family(published("2.0.0"), version("2.1.0", VersionStatus.RETIRED, Channel.STABLE));
            FamilyDecision d = decide(f, "2.1.0", "3b");
            assertThat(d.action()).isEqualTo(Action.ROLLBACK);
            assertThat(d.reason()).isEqualTo(Reason.INSTALLED_RETIRED);
            assertThat(d.version()).isEqualTo("2.0.0");
            assertThat(d.artifact().url()).isEqualTo("https://cdn.example.com/2.0.0/3b.gguf");
        }
    }

    @Nested
    class Channels {
        private final FamilyCatalog f = family(
                published("2.0.0"),
                version("2.1.0-rc.1", VersionStatus.PUBLISHED, Channel.BETA),
                version("2.2.0-dev.3", VersionStatus.PUBLISHED, Channel.INTERNAL));

        @Test
        void eachChannelSeesItsOwnAndMoreConservativeReleases() {
            assertThat(decide(f, device(8192, Channel.STABLE), null, null, "1b").version())
                    .isEqualTo("2.0.0");
            assertThat(decide(f, device(8192, Channel.BETA), null, null, "1b").version())
                    .isEqualTo("2.1.0-rc.1");
            assertThat(decide(f, device(8192, Channel.INTERNAL), null, null, "1b")
                            .version())
                    .isEqualTo("2.2.0-dev.3");
        }

        @Test
        void releaseOutranksItsReleaseCandidate() {
            FamilyCatalog withRelease =
                    family(published("2.1.0"), version("2.1.0-rc.1", VersionStatus.PUBLISHED, Channel.BETA));
            assertThat(decide(withRelease, device(8192, Channel.BETA), "2.1.0-rc.1", null, "1b")
                            .version())
                    .isEqualTo("2.1.0");
        }
    }

    @Test
    void directiveCeilingCapsTheOfferAndEchoesTheAssignment() {
        Assignment assignment = new Assignment("r-42", "control");
        FamilyDecision d = decider.decide(new DecisionInput(
                device(8192),
                new FamilyQuery("assistant", v("1.0.0"), null, "3b"),
                family(published("2.0.0"), published("2.1.0")),
                new Directive(v("2.0.0"), assignment, Map.of())));
        assertThat(d.version()).isEqualTo("2.0.0");
        assertThat(d.assignment()).isEqualTo(assignment);
        assertThat(d.missing()).isNull();
    }

    @Nested
    class RolledBack {
        private final Map<dev.otter.contract.version.SemVer, String> leave21 =
                Map.of(v("2.1.0"), "rollout r-7 was rolled back: crash rate 5%");

        private FamilyDecision decideWith(FamilyCatalog f, String installed, String ceiling, int ram) {
            return decider.decide(new DecisionInput(
                    device(ram),
                    new FamilyQuery("assistant", installed == null ? null : v(installed), null, "3b"),
                    f,
                    new Directive(ceiling == null ? null : v(ceiling), null, leave21)));
        }

        @Test
        void deviceOnARolledBackVersionGoesBackToTheTarget() {
            FamilyDecision d = decideWith(family(published("2.0.0"), published("2.1.0")), "2.1.0", "2.0.0", 8192);
            assertThat(d.action()).isEqualTo(Action.ROLLBACK);
            assertThat(d.reason()).isEqualTo(Reason.ROLLOUT_ROLLED_BACK);
            assertThat(d.version()).isEqualTo("2.0.0");
            assertThat(d.message()).isEqualTo("rollout r-7 was rolled back: crash rate 5%; go back to 2.0.0");
            assertThat(d.artifact().url()).isEqualTo("https://cdn.example.com/2.0.0/3b.gguf");
        }

        @Test
        void aRolledBackVersionIsNeverOfferedEvenAsTheNewestPublished() {
            FamilyDecision d = decideWith(family(published("2.0.0"), published("2.1.0")), "2.0.0", null, 8192);
            assertThat(d.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.UP_TO_DATE);
        }

        @Test
        void aNewerTargetIsAnUpdateNotARollback() {
            FamilyDecision d =
                    decideWith(family(published("2.0.0"), published("2.1.0"), published("2.2.0")), "2.1.0", null, 8192);
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.version()).isEqualTo("2.2.0");
        }

        @Test
        void compatibilityFallbackSkipsRolledBackVersions() {
            VersionEntry heavy =
                    withArtifacts(published("2.2.0"), artifact("3b", "2.2.0", 1_800_000_000L, needs(12_288)));
            FamilyDecision d = decideWith(family(published("2.0.0"), published("2.1.0"), heavy), null, null, 8192);
            assertThat(d.version()).isEqualTo("2.0.0");
        }
    }

    @Test
    void draftsNeverReachTheDecider() {
        // The snapshot holds no drafts; a DRAFT that slipped in would still not be offered.
        FamilyCatalog f = family(published("1.0.0"), version("2.0.0", VersionStatus.DRAFT, Channel.STABLE));
        assertThat(decide(f, null, "1b").version()).isEqualTo("1.0.0");
        assertThat(List.of(Action.values())).hasSize(5);
    }

    @Nested
    class RequestedVersion {
        private final FamilyCatalog f = family(
                published("1.0.0"),
                published("2.0.0"),
                published("2.1.0"),
                version("3.0.0", VersionStatus.PUBLISHED, Channel.BETA),
                version("2.2.0", VersionStatus.DRAFT, Channel.STABLE));

        private FamilyDecision ask(String requested, String installed, boolean mayRequest, int ramMb, String tier) {
            return decider.decide(new DecisionInput(
                    device(ramMb),
                    new FamilyQuery("assistant", installed == null ? null : v(installed), null, tier, v(requested)),
                    f,
                    new Directive(null, null, java.util.Map.of(), 0, mayRequest)));
        }

        @Test
        void aTesterGetsAnOlderPublishedVersionAsARollbackAndANewerOneAsAnUpdate() {
            FamilyDecision back = ask("1.0.0", "2.1.0", true, 8192, "1b");
            assertThat(back.action()).isEqualTo(Action.ROLLBACK);
            assertThat(back.reason()).isEqualTo(Reason.REQUESTED_VERSION);
            assertThat(back.version()).isEqualTo("1.0.0");
            assertThat(back.artifact().tier()).isEqualTo("1b");
            FamilyDecision pinned = ask("2.0.0", null, true, 8192, "1b");
            assertThat(pinned.action()).isEqualTo(Action.UPDATE);
            assertThat(pinned.version())
                    .as("not the newest 2.1.0: the one asked for")
                    .isEqualTo("2.0.0");
            FamilyDecision kept = ask("2.0.0", "2.0.0", true, 8192, "1b");
            assertThat(kept.action()).isEqualTo(Action.NO_UPDATE);
            assertThat(kept.reason()).isEqualTo(Reason.REQUESTED_VERSION);
        }

        @Test
        void withoutThePolicyTheNormalDecisionSaysWhyTheRequestWasNotGranted() {
            FamilyDecision d = ask("1.0.0", "2.0.0", false, 8192, "1b");
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.reason()).isEqualTo(Reason.NEWER_VERSION);
            assertThat(d.version()).isEqualTo("2.1.0");
            assertThat(d.message())
                    .isEqualTo("update to 2.1.0; requested 1.0.0 not granted: only testers and the internal channel"
                            + " may ask for a version");
        }

        @Test
        void unpublishedOtherChannelUnknownAndIncompatibleVersionsAreRefusedWithTheirReason() {
            assertThat(ask("2.2.0", "2.1.0", true, 8192, "1b").message())
                    .endsWith("2.2.0 not granted: not published on stable");
            assertThat(ask("3.0.0", "2.1.0", true, 8192, "1b").message())
                    .endsWith("3.0.0 not granted: not published on stable");
            assertThat(ask("9.9.9", "2.1.0", true, 8192, "1b").message())
                    .endsWith("9.9.9 not granted: not published on stable");
            FamilyDecision tooBig = ask("2.0.0", "2.1.0", true, 4096, "3b");
            assertThat(tooBig.reason()).isNotEqualTo(Reason.REQUESTED_VERSION);
            assertThat(tooBig.message())
                    .contains("requested 2.0.0 not granted: this device cannot run it (needs 6144 MB RAM, has 4096)");
        }
    }
}
