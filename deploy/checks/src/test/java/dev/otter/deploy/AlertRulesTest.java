package dev.otter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.Health;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/monitoring, rendered and read strictly: the alerts on backend outages read the gauge the
 * services export, and a backend a service rides out (its pods stay ready, so nothing else shows the
 * outage) still raises an alert.
 */
class AlertRulesTest {
    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The PrometheusRule fields Otter uses (monitoring.coreos.com/v1); anything else is a typo. */
    record PrometheusRule(String apiVersion, String kind, CnpgModel.Metadata metadata, Spec spec) {}

    record Spec(List<Group> groups) {}

    record Group(String name, List<Rule> rules) {}

    record Rule(
            String alert,
            String expr,
            @JsonProperty("for") String pendingFor,
            Map<String, String> labels,
            Map<String, String> annotations) {}

    @Test
    void backendOutagesAlertWhetherOrNotTheyGateReadiness() throws Exception {
        List<JsonNode> objects = Rendered.kustomization(Rendered.ROOT.resolve("deploy/k8s/monitoring"));
        assertThat(objects)
                .singleElement()
                .satisfies(node -> assertThat(node.get("kind").asText()).isEqualTo("PrometheusRule"));
        JsonNode node = objects.get(0);
        PrometheusRule rule = STRICT.treeToValue(node, PrometheusRule.class);
        List<Rule> rules = rule.spec().groups().get(0).rules();
        assertThat(rules).extracting(Rule::expr).allSatisfy(expr -> assertThat(expr)
                .contains(Health.BACKEND_UP_METRIC + "{"));
        assertThat(rules)
                .filteredOn(r -> r.expr().contains("gates_readiness=\"false\""))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.labels()).containsEntry("severity", "warning");
                    assertThat(r.pendingFor()).isEqualTo("2m");
                });
        assertThat(rules)
                .filteredOn(r -> r.expr().contains("gates_readiness=\"true\""))
                .singleElement()
                .satisfies(r -> assertThat(r.labels()).containsEntry("severity", "critical"));
    }
}
