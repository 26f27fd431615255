package dev.otter.telemetry.guard;

import static dev.otter.telemetry.testing.Events.error;
import static dev.otter.telemetry.testing.Events.postAll;
import static dev.otter.telemetry.testing.Events.resource;
import static dev.otter.telemetry.testing.Events.session;
import static dev.otter.telemetry.testing.Events.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.GuardMode;
import dev.otter.contract.rollout.GuardSignal;
import dev.otter.contract.rollout.SignalGuard;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.telemetry.testing.Guards;
import dev.otter.telemetry.testing.TopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every guard signal through the real broker: a release bad on that signal alone fires one trigger
 * naming it, with its evidence; a healthy one is judged HEALTHY on it; observed, the same bad
 * release is shown UNHEALTHY on the signal and never acts.
 */
@QuarkusTest
class SignalsGuardTest {
    private static final int TRIALS = 400;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    // the signal under test in the given mode; every other one observed, the crash rate enforced
    // if asked (so that only the signal under test, or a crash, can act)
    private String rollout(String family, GuardSignal signal, GuardMode mode, boolean crashEnforced) throws Exception {
        List<SignalGuard> signals = Arrays.stream(GuardSignal.values())
                .map(s -> {
                    SignalGuard d = s.byDefault();
                    GuardMode m = s == signal
                            ? mode
                            : s == GuardSignal.CRASH && crashEnforced ? GuardMode.ENFORCE : GuardMode.OBSERVE;
                    return new SignalGuard(s, d.threshold(), d.baselineMargin(), m);
                })
                .toList();
        return Guards.guardedRollout(redis, keys, json, family, signals);
    }

    @ParameterizedTest
    @EnumSource(GuardSignal.class)
    void aReleaseBadOnOneSignalIsRolledBackForIt(GuardSignal signal) throws Exception {
        String family = "sig-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = rollout(family, signal, GuardMode.ENFORCE, false);
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            postAll(events(signal, family, rollout, 0.5));
            List<ConsumerRecord<String, String>> fired =
                    triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(15));
            assertThat(fired).as("a trigger for %s", signal).anyMatch(r -> rollout.equals(r.key()));
            GuardTrigger trigger = json.readValue(fired.get(fired.size() - 1).value(), GuardTrigger.class);
            assertThat(trigger.evidence().signal()).isEqualTo(signal.wireName());
            assertThat(trigger.evidence().signals()).hasSize(GuardSignal.values().length);
            GuardTrigger.SignalEvidence mine = trigger.evidence().signals().get(signal.ordinal());
            assertThat(mine.signal()).isEqualTo(signal.wireName());
            assertThat(mine.mode()).isEqualTo("enforce");
            assertThat(mine.trials()).isEqualTo(TRIALS);
            assertThat(mine.events()).isEqualTo(TRIALS / 2);
            assertThat(mine.statistic()).isGreaterThanOrEqualTo(mine.boundary());
        }
    }

    @ParameterizedTest
    @EnumSource(GuardSignal.class)
    void aReleaseHealthyOnASignalIsJudgedHealthyOnIt(GuardSignal signal) throws Exception {
        String family = "sig-ok-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = rollout(family, signal, GuardMode.ENFORCE, false);
        List<Map<String, Object>> events = events(signal, family, rollout, 0);
        if (signal != GuardSignal.CRASH) {
            events.addAll(events(GuardSignal.CRASH, family, rollout, 0)); // sessions, so the crash rate is known too
        }
        postAll(events);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "HEALTHY"
                .equals(signalOf(rollout, signal).get("verdict")));
        assertThat(given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                        .then()
                        .extract()
                        .<String>path("variants[0].verdict"))
                .isEqualTo("HEALTHY");
    }

    @ParameterizedTest
    @EnumSource(
            value = GuardSignal.class,
            names = {"LOAD_FAILURE", "SEVERE_ERRORS", "BATTERY_OVER"})
    void anObservedSignalIsJudgedButNeverActs(GuardSignal signal) throws Exception {
        String family = "sig-obs-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = rollout(family, signal, GuardMode.OBSERVE, true);
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            List<Map<String, Object>> events = events(signal, family, rollout, 0.5);
            events.addAll(events(GuardSignal.CRASH, family, rollout, 0));
            postAll(events);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "UNHEALTHY"
                    .equals(signalOf(rollout, signal).get("verdict")));
            assertThat(signalOf(rollout, signal).get("mode")).isEqualTo("observe");
            assertThat(triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(3)))
                    .noneMatch(r -> rollout.equals(r.key()));
            assertThat(given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                            .then()
                            .extract()
                            .<String>path("variants[0].verdict"))
                    .isNotEqualTo("UNHEALTHY");
        }
    }

    private static Map<String, Object> signalOf(String rollout, GuardSignal signal) {
        JsonPath health = given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> found =
                health.getMap("variants[0].signals.find { it.signal == '" + signal.wireName() + "' }");
        return found == null ? Map.of() : found;
    }

    private static Map<String, Object> report(String family, String rollout, String figure, double value) {
        return resource(family, "2.1.0", rollout, "target", "DE", Map.of(figure, value));
    }

    /** {@link #TRIALS} trials of the signal, a {@code share} of them its events. */
    private static List<Map<String, Object>> events(GuardSignal signal, String family, String rollout, double share) {
        List<Map<String, Object>> out = new ArrayList<>();
        int bad = (int) Math.round(TRIALS * share);
        for (int i = 0; i < TRIALS; i++) {
            boolean event = i < bad;
            out.add(
                    switch (signal) {
                        case CRASH, SEVERE_ERRORS -> session(family, "2.1.0", rollout, "target", "DE");
                        case LOAD_FAILURE ->
                            update(family, "2.1.0", rollout, "target", "DE", event ? "load_failed" : "applied");
                        case VERIFY_FAILURE ->
                            update(family, "2.1.0", rollout, "target", "DE", event ? "verify_failed" : "downloaded");
                        case CPU_OVER -> report(family, rollout, "cpu_percent", event ? 95.0 : 20.0);
                        case MEMORY_OVER -> report(family, rollout, "memory_percent", event ? 85.0 : 20.0);
                        case STORAGE_OVER -> report(family, rollout, "storage_percent", event ? 30.0 : 2.0);
                        case BATTERY_OVER -> report(family, rollout, "battery_drain_per_hour", event ? 6.0 : 0.5);
                    });
            if ((signal == GuardSignal.CRASH || signal == GuardSignal.SEVERE_ERRORS) && event) {
                out.add(error(
                        family, "2.1.0", rollout, "target", "DE", signal == GuardSignal.CRASH ? "FATAL" : "SEVERE"));
            }
        }
        return out;
    }
}
