package dev.otter.console.page.service;

import jakarta.ws.rs.NotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Small helpers shared by the forms of every page. */
public final class Forms {
    // A path segment passed on to a service: versions, rollout and app ids, key ids. The services
    // validate them fully; this only keeps '/', '?', '%' and '..' out of the URLs the console builds.
    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,127}$");

    private Forms() {}

    /** {@code value} if it can go into an API path; otherwise the page does not exist (404). */
    public static String segment(String value) {
        if (value == null || !SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new NotFoundException();
        }
        return value;
    }

    /** Whether a confirmation box was ticked (browsers send "on"). */
    public static boolean confirmed(String box) {
        return "on".equals(box) || "true".equals(box);
    }

    /** A JSON body with {@code reason} when one was typed. */
    public static Map<String, Object> reason(String reason) {
        Map<String, Object> body = new HashMap<>();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        return body;
    }

    /** Blank form fields are absent, not empty strings. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
