package dev.otter.support.rest;

import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import java.util.regex.Pattern;

/**
 * Who performs an operator action, recorded in histories and audit logs. Until operator tokens
 * exist it comes from the {@code X-Otter-Actor} header (e.g. an e-mail address or a CI job name).
 */
public final class Actor {
    /** The header that names the actor. */
    public static final String HEADER = "X-Otter-Actor";

    /** Recorded when the header is absent. */
    public static final String ANONYMOUS = "anonymous";

    private static final Pattern VALID = Pattern.compile("^[\\p{L}\\p{N}@._+:/ -]{1,128}$");

    private Actor() {}

    /** The actor named by the header, or {@link #ANONYMOUS}; a malformed name is a 400. */
    public static String from(String header) {
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        String name = header.strip();
        if (!VALID.matcher(name).matches()) {
            throw new ApiException(
                    CommonError.INVALID_PARAMETER,
                    HEADER + " must be 1-128 letters, digits, spaces or @._+:/- characters");
        }
        return name;
    }
}
