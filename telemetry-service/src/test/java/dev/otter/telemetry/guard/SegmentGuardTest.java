package dev.otter.telemetry.guard;

import static dev.otter.telemetry.testing.Events.crash;
import static dev.otter.telemetry.testing.Events.postAll;
import static dev.otter.telemetry.testing.Events.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.contract.telemetry.Verdict;
import dev.otter.telemetry.testing.Guards;
import dev.otter.telemetry.testing.TopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Segments through the real broker: a breach confined to one region (or OS range) while the rest is
 * healthy excludes that segment (when the rollout allows it) instead of rolling back, and once excluded its
 * counts no longer weigh; a breach everywhere, or a rollout that does not allow exclusions, rolls
 * back — with every region's verdict in the evidence.
 */
@QuarkusTest
class SegmentGuardTest {
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

    @Test
    void aBreachConfinedToOneRegionExcludesItAndTheRestRunsOn() throws Exception {
        String family = "seg-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Guards.segmentGuardedRollout(redis, keys, json, family, null, rollout, true, List.of());
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            postAll(traffic(family, rollout, 60));
            List<ConsumerRecord<String, String>> fired =
                    triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(15));
            List<GuardTrigger> mine = mine(fired, rollout);
            assertThat(mine).hasSize(1);
            GuardTrigger exclude = mine.get(0);
            assertThat(exclude.exclude()).isEqualTo(new GuardTrigger.Segment("REGION", "BR"));
            assertThat(exclude.reason()).contains("region BR").contains("the rest is healthy");
            assertThat(exclude.evidence().sessions()).isEqualTo(400);
            assertThat(exclude.evidence().crashes()).isEqualTo(60);
            assertThat(exclude.evidence().boundary())
                    .as("the segment boundary carries the correction for 20 segments")
                    .isGreaterThan(17.0 + Math.log(20) - 0.01);
            GuardTrigger.SegmentEvidence br = segment(exclude, "BR");
            assertThat(br.verdict()).isEqualTo(Verdict.UNHEALTHY);
            assertThat(br.rest()).isEqualTo(Verdict.HEALTHY);
            assertThat(segment(exclude, "DE").verdict()).isNotEqualTo(Verdict.UNHEALTHY);

            // rollout-service excluded BR: its counts no longer weigh, nothing else fires
            Guards.segmentGuardedRollout(redis, keys, json, family, null, rollout, true, List.of("BR"));
            JsonPath health = health(rollout);
            assertThat(health.getInt("variants[0].sessions")).isEqualTo(800);
            assertThat(health.getString("variants[0].verdict")).isEqualTo("HEALTHY");
            assertThat(health.getList("variants[0].segments.value")).containsExactlyInAnyOrder("DE", "US");
            assertThat(mine(triggers.readUntil(r -> false, Duration.ofSeconds(3)), rollout))
                    .isEmpty();
        }
    }

    @Test
    void aBreachConfinedToOneOsRangeAcrossRegionsExcludesThatRangeAndNothingElseAfterIt() throws Exception {
        String family = "seg-os-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Guards.segmentGuardedRollout(redis, keys, json, family, null, rollout, true, List.of());
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            // the healthy devices counted first, so that whatever part of iOS 17 is counted when the
            // guard decides, every other segment holding it (iOS, phone, DE, US) is diluted by them
            List<Map<String, Object>> healthy = new ArrayList<>();
            List<Map<String, Object>> ios17 = new ArrayList<>();
            for (String region : List.of("DE", "US")) {
                healthy.addAll(device(region(family, rollout, region, 400, 0), "android", "14.0", "phone"));
                healthy.addAll(device(region(family, rollout, region, 200, 0), "ios", "18.1", "phone"));
                ios17.addAll(device(region(family, rollout, region, 200, 30), "ios", "17.4.1", "phone"));
            }
            postAll(healthy);
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> health(rollout).getInt("variants[0].sessions") == 1200);
            postAll(ios17);
            List<GuardTrigger> mine =
                    mine(triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(15)), rollout);
            assertThat(mine).hasSize(1);
            GuardTrigger exclude = mine.get(0);
            assertThat(exclude.exclude())
                    .as("the narrowest segment that holds the breach: iOS 17, not iOS, not a region")
                    .isEqualTo(new GuardTrigger.Segment("OS_MAJOR", "ios 17"));
            assertThat(exclude.reason()).contains("os_major ios 17").contains("the rest is healthy");
            // the guard decides as soon as the counted part is clear: DE's iOS 17 alone may be enough
            assertThat(exclude.evidence().sessions()).isBetween(100L, 400L);
            assertThat(exclude.evidence().crashes()).isBetween(1L, 60L);
            assertThat(exclude.evidence().segments())
                    .extracting(GuardTrigger.SegmentEvidence::value)
                    .as("the same devices judged as a platform and a device class too")
                    .contains("ios", "ios 17", "phone");
            assertThat(exclude.evidence().segments())
                    .filteredOn(x -> x.dimension().equals("REGION"))
                    .isNotEmpty()
                    .allSatisfy(x -> assertThat(x.verdict()).isNotEqualTo(Verdict.UNHEALTHY));
            assertThat(segment(exclude, "phone").verdict()).isNotEqualTo(Verdict.UNHEALTHY);

            // rollout-service excluded iOS 17 just now: it leaves the variant's figures, and the iOS
            // platform, which still holds iOS 17's crashes, is not excluded in turn
            Guards.segmentGuardedRolloutExcluding(
                    redis,
                    keys,
                    json,
                    family,
                    null,
                    rollout,
                    true,
                    List.of(new ExcludedSegment(SegmentDimension.OS_MAJOR, "ios 17", "crash rate", Instant.now())));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> health(rollout).getInt("variants[0].sessions") == 1200);
            JsonPath health = health(rollout);
            assertThat(health.getInt("variants[0].sessions")).isEqualTo(1200);
            assertThat(health.getInt("variants[0].crashes")).isZero();
            assertThat(health.getString("variants[0].verdict")).isEqualTo("HEALTHY");
            assertThat(health.getList("variants[0].segments.value")).doesNotContain("ios 17");
            assertThat(mine(triggers.readUntil(r -> false, Duration.ofSeconds(3)), rollout))
                    .isEmpty();
        }
    }

    @Test
    void withoutExclusionsTheSameBreachRollsBackWithEveryRegionInTheEvidence() throws Exception {
        String family = "seg-off-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Guards.segmentGuardedRollout(redis, keys, json, family, null, rollout, false, List.of());
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            postAll(traffic(family, rollout, 60));
            List<GuardTrigger> mine =
                    mine(triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(15)), rollout);
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0).exclude()).isNull();
            assertThat(mine.get(0).evidence().segments())
                    .extracting(GuardTrigger.SegmentEvidence::value)
                    .containsExactlyInAnyOrder("BR", "DE", "US");
            assertThat(segment(mine.get(0), "BR").verdict()).isEqualTo(Verdict.UNHEALTHY);
        }
    }

    @Test
    void aBreachEverywhereRollsBackEvenWhenExclusionsAreAllowed() throws Exception {
        String family = "seg-all-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Guards.segmentGuardedRollout(redis, keys, json, family, null, rollout, true, List.of());
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (String region : List.of("BR", "DE", "US")) {
                events.addAll(region(family, rollout, region, 400, 60));
            }
            postAll(events);
            List<GuardTrigger> mine =
                    mine(triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(15)), rollout);
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0).exclude())
                    .as("the rest is not healthy: roll back")
                    .isNull();
        }
    }

    // 400 sessions in each of DE and US without a crash, 400 in BR with brCrashes crashes
    private static List<Map<String, Object>> traffic(String family, String rollout, int brCrashes) {
        List<Map<String, Object>> events = new ArrayList<>(region(family, rollout, "DE", 400, 0));
        events.addAll(region(family, rollout, "US", 400, 0));
        events.addAll(region(family, rollout, "BR", 400, brCrashes));
        return events;
    }

    private static List<Map<String, Object>> region(
            String family, String rollout, String region, int sessions, int crashes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            out.add(session(family, "2.1.0", rollout, "target", region));
        }
        for (int i = 0; i < crashes; i++) {
            out.add(crash(family, "2.1.0", rollout, "target", region));
        }
        return out;
    }

    // The same events from devices of one platform, OS version and class.
    private static List<Map<String, Object>> device(
            List<Map<String, Object>> events, String platform, String os, String deviceClass) {
        events.forEach(e -> {
            e.put("platform", platform);
            e.put("os_version", os);
            e.put("device_class", deviceClass);
        });
        return events;
    }

    private List<GuardTrigger> mine(List<ConsumerRecord<String, String>> records, String rollout) throws Exception {
        List<GuardTrigger> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            if (rollout.equals(r.key())) {
                out.add(json.readValue(r.value(), GuardTrigger.class));
            }
        }
        return out;
    }

    private static GuardTrigger.SegmentEvidence segment(GuardTrigger trigger, String region) {
        return trigger.evidence().segments().stream()
                .filter(s -> s.value().equals(region))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no segment " + region + " in " + trigger.evidence()));
    }

    private static JsonPath health(String rollout) {
        return given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
