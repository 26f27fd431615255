package dev.otter.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Makes JSON input strictly typed: a number where text is expected, text where a number is
 * expected or a fraction for an integer is a 400 naming the field, not a
 * silent conversion that lets malformed clients through. Also bounds nesting, string and number
 * sizes, and refuses unknown fields in operator requests (a misspelt {@code "percentge"} must not be
 * silently ignored); device requests and inter-service records stay tolerant, for old and new
 * clients and rolling upgrades.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    /** Deeper nesting than any request of ours has; stops stack-exhausting documents early. */
    static final int MAX_DEPTH = 32;

    /** Longest string value or field name: far above any legitimate field (rule sets are lists). */
    static final int MAX_STRING = 64 * 1024;

    /** Longest number literal: 1e1000000-style values are refused before they are parsed. */
    static final int MAX_NUMBER = 40;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING)
                        .maxNameLength(256)
                        .maxNumberLength(MAX_NUMBER)
                        .build());
        mapper.addHandler(new OperatorApiStrictness());
        mapper.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("otter-no-nul")
                .addDeserializer(String.class, new NoNulStrings()));
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    /**
     * Unknown fields are errors for the operator API's records (classes in a {@code dev.otter...api}
     * package); types that must tolerate them declare {@code @JsonIgnoreProperties(ignoreUnknown =
     * true)}, which Jackson honours before asking this handler.
     */
    static final class OperatorApiStrictness extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String property)
                throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            String pkg = type.getPackageName();
            if (pkg.startsWith("dev.otter.") && pkg.endsWith(".api")) {
                throw UnrecognizedPropertyException.from(
                        parser, beanOrClass, property, deserializer.getKnownPropertyNames());
            }
            return false;
        }
    }

    /**
     * Strings without NUL: PostgreSQL cannot store one in text, so it would fail deep in the
     * database as a 500; refused here as the field's 400 instead.
     */
    static final class NoNulStrings extends com.fasterxml.jackson.databind.deser.std.StringDeserializer {
        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf(0) >= 0) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(
                        parser, "NUL characters are not accepted", value, String.class);
            }
            return value;
        }
    }
}
