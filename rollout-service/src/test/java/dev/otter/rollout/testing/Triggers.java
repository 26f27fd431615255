package dev.otter.rollout.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.telemetry.GuardTrigger;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends guard triggers through the real broker, keyed as telemetry keys them, for the tests. */
public final class Triggers {
    private Triggers() {}

    /** Sends {@code trigger} to {@code topic}, keyed by its rollout (or watch), and waits for the ack. */
    public static void send(String bootstrap, String topic, ObjectMapper json, GuardTrigger trigger) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        String key = trigger.rolloutId() != null ? trigger.rolloutId() : trigger.watchId();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(trigger)))
                    .get();
        }
    }
}
