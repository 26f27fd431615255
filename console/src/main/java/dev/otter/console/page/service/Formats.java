package dev.otter.console.page.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How pages write numbers, rates, times and JSON: {@code {v.rate.percent}}, {@code {r.started_at.when}}. */
@TemplateExtension
public final class Formats {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Formats() {}

    /** A fraction as a percentage with two decimals: 0.0123 → "1.23 %". */
    static String percent(Number fraction) {
        return BigDecimal.valueOf(fraction.doubleValue() * 100).setScale(2, RoundingMode.HALF_UP) + " %";
    }

    /** A number with one decimal: 84.1234 → "84.1". */
    static String oneDecimal(Number value) {
        return BigDecimal.valueOf(value.doubleValue())
                .setScale(1, RoundingMode.HALF_UP)
                .toString();
    }

    /** An ISO-8601 instant as "2026-11-30 09:58:00 UTC"; anything else as it is. */
    static String when(String iso) {
        try {
            return WHEN.format(Instant.parse(iso));
        } catch (DateTimeParseException notAnInstant) {
            return iso;
        }
    }

    /** An instant as "2026-11-30 09:58:00 UTC". */
    static String when(Instant instant) {
        return WHEN.format(instant);
    }

    /** A value for a URL's query: {@code /rollouts/a b} → {@code %2Frollouts%2Fa+b}. */
    static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A value as indented JSON (rules, audit before/after). */
    static String json(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
