package dev.otter.console.rollout.service;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.FormParam;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "new rollout" form: what an operator types, turned into the API's create request. Stages are
 * typed as a list of shares ("1, 5, 20, 50, 100") with one bake time; an A/B test as variants
 * ("control=2.0.0:50, b=2.1.0:50") instead of one target version; the guard as a crash-rate
 * threshold in percent and a minimum of sessions. The service validates everything again.
 */
@TemplateData
public class NewRollout {
    @FormParam("family")
    public String family;

    @FormParam("channel")
    public String channel;

    @FormParam("name")
    public String name;

    @FormParam("baseline_version")
    public String baselineVersion;

    @FormParam("target_version")
    public String targetVersion;

    @FormParam("variants")
    public String variants;

    @FormParam("stages")
    public String stages;

    @FormParam("bake_minutes")
    public String bakeMinutes;

    @FormParam("threshold_percent")
    public String thresholdPercent;

    @FormParam("min_sessions")
    public String minSessions;

    @FormParam("auto_advance")
    public String autoAdvance;

    /** The values a fresh form starts with. */
    public static NewRollout defaults() {
        NewRollout form = new NewRollout();
        form.channel = "stable";
        form.stages = "1, 5, 20, 50, 100";
        form.bakeMinutes = "60";
        form.thresholdPercent = "2";
        form.minSessions = "300";
        return form;
    }

    /** The API's create request; a clear message for anything that cannot be read. */
    public Map<String, Object> toRequest() {
        Map<String, Object> body = new HashMap<>();
        body.put("family", required(family, "family"));
        body.put("channel", required(channel, "channel"));
        body.put("name", required(name, "name"));
        body.put("baseline_version", required(baselineVersion, "baseline version"));
        if (variants == null || variants.isBlank()) {
            body.put("target_version", required(targetVersion, "target version"));
        } else {
            body.put("variants", variants(variants));
        }
        Duration bake = Duration.ofMinutes(integer(bakeMinutes, "bake time (minutes)"));
        List<Map<String, Object>> plan = new ArrayList<>();
        for (String share : required(stages, "stages").split("[,\\s]+")) {
            plan.add(Map.of("percentage", decimal(share, "each stage's share"), "min_bake", bake.toString()));
        }
        body.put("stages", plan);
        Map<String, Object> guard = new HashMap<>();
        guard.put(
                "crash_rate_threshold",
                decimal(thresholdPercent, "crash-rate threshold").movePointLeft(2));
        guard.put("min_sessions", integer(minSessions, "minimum sessions"));
        body.put("guard", guard);
        body.put("auto_advance", "on".equals(autoAdvance));
        return body;
    }

    // "control=2.0.0:50, b=2.1.0:50" → [{name, version, weight}, ...]
    private static List<Map<String, Object>> variants(String text) {
        List<Map<String, Object>> arms = new ArrayList<>();
        for (String arm : text.strip().split("\\s*,\\s*")) {
            String[] nameRest = arm.split("=", 2);
            String[] versionWeight = nameRest.length == 2 ? nameRest[1].split(":", 2) : new String[0];
            if (versionWeight.length != 2) {
                throw new IllegalArgumentException(
                        "Write each A/B variant as name=version:weight, e.g. control=2.0.0:50, b=2.1.0:50.");
            }
            arms.add(Map.of(
                    "name", nameRest[0].strip(),
                    "version", versionWeight[0].strip(),
                    "weight", integer(versionWeight[1], "weight of " + nameRest[0].strip())));
        }
        return arms;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Fill in the " + what + ".");
        }
        return value.strip();
    }

    private static long integer(String value, String what) {
        try {
            return Long.parseLong(required(value, what));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " must be a whole number.");
        }
    }

    private static BigDecimal decimal(String value, String what) {
        try {
            return new BigDecimal(required(value, what));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + what + " must be a number, e.g. 12.5.");
        }
    }
}
