package dev.otter.rollout.rollout.repository;

import dev.otter.support.persistence.StoredJson;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * Hibernate's JSON columns ({@code @JdbcTypeCode(SqlTypes.JSON)}) read and write the stored form of
 * {@link StoredJson}, the same the snapshot's SQL reads, never the REST layer's mapper.
 */
@JsonFormat
@PersistenceUnitExtension
public class StoredJsonFormat implements FormatMapper {
    private final FormatMapper delegate = new JacksonJsonFormatMapper(StoredJson.mapper());

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return delegate.fromString(text, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return delegate.toString(value, type, options);
    }
}
