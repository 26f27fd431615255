package dev.otter.rollout.rollout.repository;

import com.fasterxml.jackson.databind.JavaType;
import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.Variant;
import dev.otter.rollout.rollout.Stage;
import dev.otter.support.persistence.StoredJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/**
 * List-valued JSON columns (variants, stages, tester group members). Object-valued ones use Hibernate's JSON type
 * ({@code @JdbcTypeCode(SqlTypes.JSON)}); Hibernate Reactive binds that type as a JSON object only
 * ({@code ReactiveJsonJdbcType} builds a Vert.x {@code JsonObject}), so a top-level array cannot go
 * through it — these columns stay text, written in the same {@link StoredJson} form.
 */
public abstract class JsonListConverter<E> implements AttributeConverter<List<E>, String> {
    private final JavaType type;

    protected JsonListConverter(Class<E> element) {
        this.type = StoredJson.mapper().getTypeFactory().constructCollectionType(List.class, element);
    }

    @Override
    public String convertToDatabaseColumn(List<E> value) {
        return StoredJson.write(value);
    }

    @Override
    public List<E> convertToEntityAttribute(String json) {
        return StoredJson.read(json, type);
    }

    /** A rollout's variants. */
    @Converter
    public static final class Variants extends JsonListConverter<Variant> {
        public Variants() {
            super(Variant.class);
        }
    }

    /** A tester group's install ids. */
    @Converter
    public static final class Strings extends JsonListConverter<String> {
        public Strings() {
            super(String.class);
        }
    }

    /** The segments the guard excluded from a rollout. */
    @Converter
    public static final class ExcludedSegments extends JsonListConverter<ExcludedSegment> {
        public ExcludedSegments() {
            super(ExcludedSegment.class);
        }
    }

    /** A rollout's stage plan. */
    @Converter
    public static final class Stages extends JsonListConverter<Stage> {
        public Stages() {
            super(Stage.class);
        }
    }
}
