package dev.otter.rollout.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.Variant;
import dev.otter.rollout.Guard;
import dev.otter.rollout.Stage;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Column converters between structured values and their stored JSON text. */
public final class JsonConverters {
    private JsonConverters() {}

    /** Variants ↔ JSON. */
    @Converter
    public static class Variants implements AttributeConverter<List<Variant>, String> {
        @Override
        public String convertToDatabaseColumn(List<Variant> value) {
            return StoredJson.write(value);
        }

        @Override
        public List<Variant> convertToEntityAttribute(String json) {
            return StoredJson.read(json, new TypeReference<List<Variant>>() {});
        }
    }

    /** Cohort rules ↔ JSON. */
    @Converter
    public static class Rules implements AttributeConverter<CohortRules, String> {
        @Override
        public String convertToDatabaseColumn(CohortRules value) {
            return StoredJson.write(value);
        }

        @Override
        public CohortRules convertToEntityAttribute(String json) {
            return StoredJson.read(json, CohortRules.class);
        }
    }

    /** Stage plan ↔ JSON. */
    @Converter
    public static class Stages implements AttributeConverter<List<Stage>, String> {
        @Override
        public String convertToDatabaseColumn(List<Stage> value) {
            return StoredJson.write(value);
        }

        @Override
        public List<Stage> convertToEntityAttribute(String json) {
            return StoredJson.read(json, new TypeReference<List<Stage>>() {});
        }
    }

    /** Guard ↔ JSON. */
    @Converter
    public static class Guards implements AttributeConverter<Guard, String> {
        @Override
        public String convertToDatabaseColumn(Guard value) {
            return StoredJson.write(value);
        }

        @Override
        public Guard convertToEntityAttribute(String json) {
            return StoredJson.read(json, Guard.class);
        }
    }

    /** A list of strings (install ids) ↔ JSON. */
    @Converter
    public static class Strings implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return StoredJson.write(value);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return StoredJson.read(json, new TypeReference<List<String>>() {});
        }
    }
}
