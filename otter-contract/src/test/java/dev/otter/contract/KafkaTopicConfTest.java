package dev.otter.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KafkaTopicConfTest {

    @Test
    void deployScriptCreatesEveryTopicWithTheExpectedPartitions() throws IOException {
        Path conf = Path.of(System.getProperty("otter.repo.root", ".."), "deploy/local/topics.conf");
        Map<String, Integer> declared = Files.readAllLines(conf).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .collect(Collectors.toMap(parts -> parts[0], parts -> Integer.parseInt(parts[1])));
        Map<String, Integer> expected = Arrays.stream(KafkaTopic.values())
                .collect(Collectors.toMap(KafkaTopic::suffix, KafkaTopic::partitions));
        assertThat(declared).isEqualTo(expected);
    }

    @Test
    void topicNamesArePrefixedByTheNamespace() {
        assertThat(KafkaTopic.TELEMETRY_EVENTS.topicName("otter")).isEqualTo("otter.telemetry.events");
        assertThat(KafkaTopic.GUARD_TRIGGERS.topicName("otter-test")).isEqualTo("otter-test.rollout.guard-triggers");
        assertThatThrownBy(() -> KafkaTopic.TELEMETRY_EVENTS.topicName("Bad Name"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
