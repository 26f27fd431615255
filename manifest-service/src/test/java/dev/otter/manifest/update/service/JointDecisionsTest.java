package dev.otter.manifest.update.service;

import static dev.otter.manifest.update.service.Catalogs.artifact;
import static dev.otter.manifest.update.service.Catalogs.needs;
import static dev.otter.manifest.update.service.Catalogs.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.Channel;
import dev.otter.manifest.catalog.FamilyKind;
import dev.otter.manifest.catalog.snapshot.ArtifactEntry;
import dev.otter.manifest.catalog.snapshot.EngineRange;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.update.api.Action;
import dev.otter.manifest.update.api.FamilyDecision;
import dev.otter.manifest.update.api.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Engines and models decided together; model interfaces and adapters. */
class JointDecisionsTest {
    private final JointDecisions joint = new JointDecisions(new UpdateDecider(50L * 1024 * 1024));

    // ---- catalog helpers

    // A published version (see Catalogs) with other files, an engine range, an interface and adapters.
    private static VersionEntry published(
            String version,
            List<ArtifactEntry> artifacts,
            EngineRange engine,
            String iface,
            List<ArtifactEntry> adapters) {
        VersionEntry base = Catalogs.published(version);
        return new VersionEntry(
                base.version(),
                base.status(),
                base.channel(),
                base.releaseNotes(),
                base.changeSummary(),
                false,
                null,
                null,
                base.publishedAt(),
                "alice",
                artifacts == null ? base.artifacts() : artifacts,
                engine,
                iface,
                adapters);
    }

    private static VersionEntry engineVersion(String version) {
        return published(
                version,
                List.of(
                        artifact("android-arm64", version, 9_000_000L, needs(0)),
                        artifact("ios-arm64", version, 8_000_000L, needs(0))),
                null,
                null,
                List.of());
    }

    private static FamilyCatalog engines(String... versions) {
        List<VersionEntry> list = new ArrayList<>();
        for (String v : versions) {
            list.add(engineVersion(v));
        }
        return new FamilyCatalog("llama-engine", list, false, FamilyKind.ENGINE);
    }

    private static VersionEntry model(
            String version, String engineMin, String engineMax, String iface, ArtifactEntry... adapters) {
        EngineRange engine = engineMin == null && engineMax == null
                ? null
                : new EngineRange(
                        "llama-engine",
                        engineMin == null ? null : v(engineMin),
                        engineMax == null ? null : v(engineMax));
        return published(version, null, engine, iface, List.of(adapters));
    }

    private static ArtifactEntry adapter(String forInterface) {
        return new ArtifactEntry(
                "template-" + forInterface.replace('@', '-'),
                List.of("https://cdn.example.com/adapters/" + forInterface + ".json"),
                4_096L,
                "c".repeat(64),
                "json",
                null,
                null,
                needs(0),
                List.of(),
                forInterface);
    }

    private static FamilyCatalog models(VersionEntry... versions) {
        return new FamilyCatalog("assistant", new ArrayList<>(List.of(versions)));
    }

    private static DeviceProfile device(String abi, Set<String> interfaces) {
        return new DeviceProfile(
                "install-0001",
                v("3.2.0"),
                v("1.4.0"),
                "android",
                v("14.0.0"),
                "Pixel 8",
                8192,
                50_000,
                "none",
                "DE",
                Channel.STABLE,
                null,
                abi,
                interfaces);
    }

    private static JointDecisions.Asked asked(FamilyCatalog family, String installed, Directive directive) {
        return new JointDecisions.Asked(
                new FamilyQuery(family.name(), installed == null ? null : v(installed), null, null), family, directive);
    }

    private static JointDecisions.Asked asked(FamilyCatalog family, String installed) {
        return asked(family, installed, Directive.NEWEST);
    }

    private static Directive leaving(String version) {
        return new Directive(null, null, Map.of(v(version), "the rollout of " + version + " was rolled back"));
    }

    @Nested
    class Interfaces {
        private final FamilyCatalog assistant =
                models(model("2.0.0", null, null, "chat@1"), model("3.0.0", null, null, "chat@2"));

        @Test
        void anAppOnTheOlderInterfaceGetsTheNewestModelItCanUseAndIsToldWhy() {
            FamilyDecision d = joint.decide(device(null, Set.of("chat@1")), List.of(asked(assistant, null)))
                    .get(0);
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.version()).isEqualTo("2.0.0");
            assertThat(d.modelInterface()).isEqualTo("chat@1");
            assertThat(d.adapter()).isNull();
            assertThat(d.missing()).singleElement().satisfies(m -> {
                assertThat(m.requirement()).isEqualTo("interface");
                assertThat(m.needed()).isEqualTo("chat@2");
                assertThat(m.has()).isEqualTo("chat@1");
            });
        }

        @Test
        void noModelTheAppCanUseIsIncompatibleWithTheInterfaceReason() {
            FamilyCatalog only2 = models(model("3.0.0", null, null, "chat@2"));
            FamilyDecision d = joint.decide(device(null, Set.of("chat@1")), List.of(asked(only2, null)))
                    .get(0);
            assertThat(d.action()).isEqualTo(Action.INCOMPATIBLE);
            assertThat(d.reason()).isEqualTo(Reason.INTERFACE_UNSUPPORTED);
            assertThat(d.version()).isNull();
            assertThat(d.message()).contains("chat@2").contains("chat@1").contains("no adapter");
        }

        @Test
        void anAdapterLetsTheOlderInterfaceUseTheNewModelAndComesWithTheDecision() {
            FamilyCatalog adapted = models(
                    model("2.0.0", null, null, "chat@1"), model("3.0.0", null, null, "chat@2", adapter("chat@1")));
            FamilyDecision d = joint.decide(device(null, Set.of("chat@1")), List.of(asked(adapted, "2.0.0")))
                    .get(0);
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.version()).isEqualTo("3.0.0");
            assertThat(d.adapter()).isNotNull();
            assertThat(d.adapter().forInterface()).isEqualTo("chat@1");
            assertThat(d.adapter().url()).isEqualTo("https://cdn.example.com/adapters/chat@1.json");
            assertThat(d.adapter().sha256()).isEqualTo("c".repeat(64));
        }

        @Test
        void anAppOnTheModelsInterfaceNeedsNoAdapter() {
            FamilyCatalog adapted = models(model("3.0.0", null, null, "chat@2", adapter("chat@1")));
            FamilyDecision d = joint.decide(device(null, Set.of("chat@1", "chat@2")), List.of(asked(adapted, null)))
                    .get(0);
            assertThat(d.version()).isEqualTo("3.0.0");
            assertThat(d.adapter()).isNull();
        }

        @Test
        void anAppThatDoesNotSayItsInterfacesIsNotRefusedForThem() {
            FamilyDecision d = joint.decide(device(null, null), List.of(asked(assistant, null)))
                    .get(0);
            assertThat(d.version()).isEqualTo("3.0.0");
        }

        @Test
        void aRequestedVersionTheAppCannotUseIsRefusedWithTheReason() {
            FamilyQuery query = new FamilyQuery("assistant", v("2.0.0"), null, null, v("3.0.0"));
            JointDecisions.Asked a = new JointDecisions.Asked(query, assistant, Directive.NEWEST.mayRequest(true));
            FamilyDecision d =
                    joint.decide(device(null, Set.of("chat@1")), List.of(a)).get(0);
            assertThat(d.reason()).isEqualTo(Reason.UP_TO_DATE);
            assertThat(d.message()).contains("requested 3.0.0 not granted").contains("chat@2");
        }
    }

    @Nested
    class Engines {
        @Test
        void anEngineIsOfferedAsTheArtifactOfTheDevicesAbi() {
            FamilyDecision d = joint.decide(
                            device("ios-arm64", null), List.of(asked(engines("1.4.0", "2.0.0"), "1.4.0")))
                    .get(0);
            assertThat(d.action()).isEqualTo(Action.UPDATE);
            assertThat(d.version()).isEqualTo("2.0.0");
            assertThat(d.artifact().tier()).isEqualTo("ios-arm64");
        }

        @Test
        void anAbiWithoutAnArtifactIsIncompatibleAndADeviceThatHidesItsAbiIsToldToSayIt() {
            FamilyDecision linux = joint.decide(device("linux-x86_64", null), List.of(asked(engines("2.0.0"), null)))
                    .get(0);
            assertThat(linux.action()).isEqualTo(Action.INCOMPATIBLE);
            assertThat(linux.missing()).singleElement().satisfies(m -> assertThat(m.requirement())
                    .isEqualTo("tier"));
            FamilyDecision unknown = joint.decide(device(null, null), List.of(asked(engines("2.0.0"), null)))
                    .get(0);
            assertThat(unknown.action()).isEqualTo(Action.INCOMPATIBLE);
            assertThat(unknown.missing()).singleElement().satisfies(m -> assertThat(m.requirement())
                    .isEqualTo("abi"));
        }

        @Test
        void aModelIsNeverOfferedThatTheEngineTheDeviceWillHaveCannotLoad() {
            // The engine stays on 1.4.0 (2.0.0 is not published to it): model 3.0.0 needs 2.0.0.
            FamilyCatalog engine = engines("1.4.0");
            FamilyCatalog assistant = models(model("2.0.0", "1.0.0", null, null), model("3.0.0", "2.0.0", null, null));
            List<FamilyDecision> d = joint.decide(
                    device("android-arm64", null), List.of(asked(engine, "1.4.0"), asked(assistant, "2.0.0")));
            assertThat(d.get(0).reason()).isEqualTo(Reason.UP_TO_DATE);
            assertThat(d.get(1).action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.get(1).reason()).isEqualTo(Reason.UP_TO_DATE);
            assertThat(d.get(1).missing()).singleElement().satisfies(m -> {
                assertThat(m.requirement()).isEqualTo("engine");
                assertThat(m.has()).isEqualTo("1.4.0");
            });
        }

        @Test
        void whenBothChangeTheEngineGoesFirstIfTheInstalledModelLoadsOnTheNewEngine() {
            FamilyCatalog engine = engines("1.4.0", "2.0.0");
            FamilyCatalog assistant = models(model("2.0.0", "1.0.0", null, null), model("3.0.0", "2.0.0", null, null));
            List<FamilyDecision> d = joint.decide(
                    device("android-arm64", null), List.of(asked(assistant, "2.0.0"), asked(engine, "1.4.0")));
            assertThat(d.get(0).version()).isEqualTo("3.0.0");
            assertThat(d.get(0).engine().family()).isEqualTo("llama-engine");
            assertThat(d.get(0).engine().minVersion()).isEqualTo("2.0.0");
            assertThat(d.get(0).applyAfter()).isEqualTo("llama-engine");
            assertThat(d.get(0).sameSession()).isNull();
            assertThat(d.get(1).version()).isEqualTo("2.0.0");
            assertThat(d.get(1).applyAfter()).isNull();
        }

        @Test
        void whenNeitherLoadsWithTheOthersCurrentVersionBothSwitchInTheSameSession() {
            FamilyCatalog engine = engines("1.4.0", "2.0.0");
            FamilyCatalog assistant =
                    models(model("2.0.0", "1.0.0", "1.99.0", null), model("3.0.0", "2.0.0", null, null));
            List<FamilyDecision> d = joint.decide(
                    device("android-arm64", null), List.of(asked(engine, "1.4.0"), asked(assistant, "2.0.0")));
            assertThat(d.get(0).version()).isEqualTo("2.0.0");
            assertThat(d.get(0).sameSession()).isTrue();
            assertThat(d.get(1).version()).isEqualTo("3.0.0");
            assertThat(d.get(1).applyAfter()).isEqualTo("llama-engine");
            assertThat(d.get(1).sameSession()).isTrue();
        }

        @Test
        void anEngineRolledBackTakesTheModelsThatNeedItBackToOnesItLoadsModelFirst() {
            FamilyCatalog engine = engines("1.4.0", "2.0.0");
            FamilyCatalog assistant = models(model("2.0.0", "1.0.0", null, null), model("3.0.0", "2.0.0", null, null));
            List<FamilyDecision> d = joint.decide(
                    device("android-arm64", null),
                    List.of(asked(engine, "2.0.0", leaving("2.0.0")), asked(assistant, "3.0.0")));
            assertThat(d.get(0).action()).isEqualTo(Action.ROLLBACK);
            assertThat(d.get(0).reason()).isEqualTo(Reason.ROLLOUT_ROLLED_BACK);
            assertThat(d.get(0).version()).isEqualTo("1.4.0");
            assertThat(d.get(1).action()).isEqualTo(Action.ROLLBACK);
            assertThat(d.get(1).reason()).isEqualTo(Reason.ENGINE_CHANGED);
            assertThat(d.get(1).version()).isEqualTo("2.0.0");
            assertThat(d.get(1).message()).contains("llama-engine 1.4.0");
            // 2.0.0 loads on engine 2.0.0 too: the model goes back first, then the engine.
            assertThat(d.get(0).applyAfter()).isEqualTo("assistant");
            assertThat(d.get(1).applyAfter()).isNull();
        }

        @Test
        void anEngineRollbackThatWouldStrandAModelIsHeldBack() {
            FamilyCatalog engine = engines("1.4.0", "2.0.0");
            FamilyCatalog assistant = models(model("3.0.0", "2.0.0", null, null));
            List<FamilyDecision> d = joint.decide(
                    device("android-arm64", null),
                    List.of(asked(engine, "2.0.0", leaving("2.0.0")), asked(assistant, "3.0.0")));
            assertThat(d.get(0).action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.get(0).reason()).isEqualTo(Reason.ENGINE_HELD);
            assertThat(d.get(0).message()).contains("keep llama-engine 2.0.0").contains("assistant 3.0.0");
            assertThat(d.get(1).action()).isEqualTo(Action.NO_UPDATE);
            assertThat(d.get(1).reason()).isEqualTo(Reason.UP_TO_DATE);
        }

        @Test
        void aModelThatNoEngineVersionTheDeviceCanGetLoadsIsIncompatibleWithTheEngineReason() {
            FamilyCatalog engine = engines("1.4.0");
            FamilyCatalog assistant = models(model("3.0.0", "2.0.0", null, null));
            List<FamilyDecision> d = joint.decide(
                    device("android-arm64", null), List.of(asked(engine, "1.4.0"), asked(assistant, null)));
            assertThat(d.get(1).action()).isEqualTo(Action.INCOMPATIBLE);
            assertThat(d.get(1).reason()).isEqualTo(Reason.ENGINE_UNSUPPORTED);
        }

        @Test
        void aModelWhoseEngineTheDeviceDoesNotAskAboutIsNotRefusedForIt() {
            FamilyCatalog assistant = models(model("3.0.0", "2.0.0", null, null));
            FamilyDecision d = joint.decide(device("android-arm64", null), List.of(asked(assistant, null)))
                    .get(0);
            assertThat(d.version()).isEqualTo("3.0.0");
        }
    }
}
