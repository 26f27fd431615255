package dev.otter.console.rollout.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.console.backend.client.ApiException;
import dev.otter.console.backend.client.Service;
import dev.otter.console.config.ConsoleConfig;
import dev.otter.console.page.service.Forms;
import dev.otter.console.page.service.Html;
import dev.otter.console.rollout.service.StagePlan;
import dev.otter.console.session.service.Operator;
import dev.otter.console.session.service.OperatorApi;
import dev.otter.contract.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A rollout's page: status and share, the stage plan with projected times, the controls (start,
 * pause, resume, advance, roll back, complete, cohort share), live health, why it stopped (guard
 * evidence and the audit trail), and "explain a device".
 */
@Path("/rollouts")
@RolesAllowed(Roles.VIEWER)
public class RolloutPages {
    // The actor rollout-service records for the guard's automatic rollback.
    private static final String GUARD_ACTOR = "guard:telemetry";
    private static final Set<String> ACTIONS = Set.of("start", "pause", "resume", "advance", "rollback", "complete");
    // Actions whose API body carries a reason (required to roll back).
    private static final Set<String> WITH_REASON = Set.of("pause", "resume", "advance", "rollback");

    private final Template rollout;
    private final Template healthPanel;
    private final OperatorApi api;
    private final ConsoleConfig config;
    private final ObjectMapper json;

    public RolloutPages(
            @Location("rollout.html") Template rollout,
            @Location("health-panel.html") Template healthPanel,
            OperatorApi api,
            ConsoleConfig config,
            ObjectMapper json) {
        this.rollout = rollout;
        this.healthPanel = healthPanel;
        this.api = api;
        this.config = config;
        this.json = json;
    }

    @GET
    @Path("{id}")
    public Response page(
            @PathParam("id") String id,
            @QueryParam("done") String done,
            @QueryParam("error") String error,
            @QueryParam("install_id") String installId,
            @QueryParam("region") String region,
            @QueryParam("app_version") String appVersion,
            @QueryParam("platform") String platform) {
        Operator me = api.me();
        Map<String, Object> view = api.object(Service.ROLLOUT, "api/v1/rollouts/" + Forms.segment(id));
        Map<String, Object> health = health(id);
        var audit = api.list(Service.ROLLOUT, "api/v1/rollouts/" + id + "/audit");
        TemplateInstance page = rollout.data("me", me)
                .data("r", view)
                .data("plan", StagePlan.of(view, Instant.now()))
                .data("audit", audit)
                .data("guard", guardEvidence(audit))
                .data("triggers", api.list(Service.ROLLOUT, "api/v1/rollouts/" + id + "/guard-triggers"))
                .data("health", health)
                .data("cohortSessions", cohortSessions(health))
                .data("refreshSeconds", config.healthRefresh().toSeconds())
                .data("explained", explain(id, installId, region, appVersion, platform))
                .data(
                        "query",
                        Map.of(
                                "install_id", nonNull(installId),
                                "region", nonNull(region),
                                "app_version", nonNull(appVersion),
                                "platform", nonNull(platform)))
                .data("done", done)
                .data("error", error);
        return Html.page(page);
    }

    /** The live health panel (verdict, sessions against the minimum, regions): htmx swaps it in. */
    @GET
    @Path("{id}/health")
    public Response healthFragment(@PathParam("id") String id) {
        Forms.segment(id);
        return Html.page(healthPanel
                .data("health", health(id))
                .data("rolloutId", id)
                .data("refreshSeconds", config.healthRefresh().toSeconds()));
    }

    /** The same health as JSON, for the chart. */
    @GET
    @Path("{id}/health.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> healthJson(@PathParam("id") String id) {
        Map<String, Object> health = health(Forms.segment(id));
        return health == null ? Map.of("at", Instant.now().toString()) : withTime(health);
    }

    /** Lifecycle actions, each the API's own; roll back needs a reason, every action a confirmation. */
    @POST
    @Path("{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public Response act(
            @PathParam("id") String id,
            @PathParam("action") String action,
            @FormParam("reason") String reason,
            @FormParam("variant") String variant,
            @FormParam("force") String force,
            @FormParam("confirm") String confirm) {
        if (!ACTIONS.contains(action)) {
            throw new NotFoundException();
        }
        String back = "/rollouts/" + Forms.segment(id);
        if (!Forms.confirmed(confirm)) {
            return Html.refused(back, "Tick the confirmation to " + action + " this rollout.");
        }
        Map<String, Object> body = WITH_REASON.contains(action) ? Forms.reason(reason) : new java.util.HashMap<>();
        if ("advance".equals(action)) {
            body.put("force", Forms.confirmed(force));
        }
        if ("complete".equals(action) && Forms.blankToNull(variant) != null) {
            body.put("variant", variant.strip());
        }
        return call(
                back, action + " done.", () -> api.post(Service.ROLLOUT, "api/v1/rollouts/" + id + "/" + action, body));
    }

    /** The cohort share, in steps of 0.01 %, after a confirmation. */
    @POST
    @Path("{id}/share")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public Response share(
            @PathParam("id") String id,
            @FormParam("percentage") String percentage,
            @FormParam("confirm") String confirm) {
        String back = "/rollouts/" + Forms.segment(id);
        BigDecimal share;
        try {
            share = new BigDecimal(percentage.strip());
        } catch (RuntimeException notANumber) {
            return Html.refused(back, "The share must be a number from 0 to 100, e.g. 12.5.");
        }
        if (!Forms.confirmed(confirm)) {
            return Html.refused(back, "Tick the confirmation to move the share to " + share.toPlainString() + " %.");
        }
        return call(
                back,
                "Share set to " + share.toPlainString() + " %.",
                () -> api.put(Service.ROLLOUT, "api/v1/rollouts/" + id + "/percentage", Map.of("percentage", share)));
    }

    /** The cohort rules, edited as the JSON the API takes. */
    @POST
    @Path("{id}/rules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public Response rules(@PathParam("id") String id, @FormParam("rules") String rules) {
        String back = "/rollouts/" + Forms.segment(id);
        Object parsed;
        try {
            parsed = json.readValue(rules == null ? "" : rules, Map.class);
        } catch (Exception notJson) {
            return Html.refused(
                    back,
                    "The rules are not a JSON object: "
                            + notJson.getMessage().lines().findFirst().orElse(""));
        }
        return call(
                back,
                "Rules saved.",
                () -> api.put(Service.ROLLOUT, "api/v1/rollouts/" + id + "/rules", Map.of("rules", parsed)));
    }

    private Response call(String back, String done, Runnable change) {
        try {
            change.run();
            return Html.done(back, done);
        } catch (ApiException refused) {
            return Html.refused(back, refused.getMessage());
        }
    }

    // Health from telemetry-service; null when it cannot be read (the page says so and keeps working).
    private Map<String, Object> health(String id) {
        try {
            return api.object(Service.TELEMETRY, "api/v1/telemetry/rollouts/" + id + "/health");
        } catch (ApiException unavailable) {
            return null;
        }
    }

    // The guard's trigger as its audit entry recorded it (reason and evidence), if the guard acted.
    private Map<String, Object> guardEvidence(java.util.List<Map<String, Object>> audit) {
        for (Map<String, Object> entry : audit) {
            if (GUARD_ACTOR.equals(entry.get("actor")) && entry.get("detail") instanceof String detail) {
                try {
                    return json.readValue(detail, Map.class);
                } catch (Exception notJson) {
                    return Map.of("reason", detail);
                }
            }
        }
        return null;
    }

    // Sessions the cohort had in the guard's window (every variant): what a share change scales.
    private static long cohortSessions(Map<String, Object> health) {
        if (health == null || !(health.get("variants") instanceof java.util.List<?> variants)) {
            return 0;
        }
        return variants.stream()
                .mapToLong(v -> ((Number) ((Map<?, ?>) v).get("sessions")).longValue())
                .sum();
    }

    private Map<String, Object> explain(
            String id, String installId, String region, String appVersion, String platform) {
        if (Forms.blankToNull(installId) == null) {
            return null;
        }
        StringBuilder query = new StringBuilder("?installId=").append(encode(installId));
        appendParam(query, "region", region);
        appendParam(query, "appVersion", appVersion);
        appendParam(query, "platform", platform);
        try {
            return api.object(Service.ROLLOUT, "api/v1/rollouts/" + id + "/assignment" + query);
        } catch (ApiException refused) {
            return Map.of("error", refused.getMessage());
        }
    }

    private static void appendParam(StringBuilder query, String name, String value) {
        if (Forms.blankToNull(value) != null) {
            query.append('&').append(name).append('=').append(encode(value.strip()));
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, Object> withTime(Map<String, Object> health) {
        Map<String, Object> copy = new java.util.HashMap<>(health);
        copy.put("at", Instant.now().toString());
        return copy;
    }
}
