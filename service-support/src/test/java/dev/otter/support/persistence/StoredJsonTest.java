package dev.otter.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredJsonTest {
    record Sample(String displayName, Duration bake, Instant at) {}

    @Test
    void storesSnakeCaseIsoDatesAndDurations() {
        String json = StoredJson.write(new Sample("a", Duration.ofMinutes(5), Instant.parse("2026-11-30T00:00:00Z")));
        assertThat(json)
                .contains("\"display_name\":\"a\"")
                .contains("\"bake\":\"PT5M\"")
                .contains("\"at\":\"2026-11-30T00:00:00Z\"");
        assertThat(StoredJson.read(json, Sample.class).bake()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void readsListsAndToleratesFieldsItDoesNotKnow() {
        List<String> ids = StoredJson.read(
                "[\"a\",\"b\"]",
                StoredJson.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(ids).containsExactly("a", "b");
        assertThat(StoredJson.read("{\"display_name\":\"x\",\"new_field\":1}", Sample.class)
                        .displayName())
                .isEqualTo("x");
    }

    @Test
    void unreadableStoredJsonIsAnErrorNamingIt() {
        assertThatThrownBy(() -> StoredJson.read("{not json", Sample.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{not json");
    }
}
