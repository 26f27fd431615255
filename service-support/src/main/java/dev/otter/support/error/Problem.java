package dev.otter.support.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem document with Otter's extension members {@code code} (stable, switch on it)
 * and {@code errors} (one entry per offending field).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String detail, String code, String instance, List<FieldError> errors) {

    /** The media type problems are answered with. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: its JSON path and what is wrong with it. */
    public record FieldError(String field, String message) {}

    /** Builds the problem for a code, with a type URI derived from the code. */
    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
        String type = "https://otter.dev/problems/"
                + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Problem(type, code.title(), code.status(), detail, code.name(), instance, List.copyOf(errors));
    }
}
