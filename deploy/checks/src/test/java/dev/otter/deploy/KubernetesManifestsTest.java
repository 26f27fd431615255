package dev.otter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.contract.Health;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each overlay, rendered as kubectl would apply it, against what the services really need: strict
 * models, health paths and ports, pinned images, resources, hardening, topics and configuration.
 */
class KubernetesManifestsTest {
    /** Objects an overlay expects to exist already (its header comment says how to make them). */
    private static final Map<String, Set<String>> EXTERNAL = Map.of(
            "dev",
            Set.of("ConfigMap/otter-operator-key"),
            "prod",
            Set.of(
                    "ConfigMap/otter-operator-key",
                    "Secret/otter-secrets",
                    "Secret/otter-db-manifest",
                    "Secret/otter-db-rollout",
                    "Secret/otter-db-telemetry",
                    "Secret/otter-redis-users"));

    private static final Map<String, String> PROBES =
            Map.of("startup", Health.STARTED, "liveness", Health.LIVE, "readiness", Health.READY);

    /**
     * Services and the backends they ride out, as their tests prove it through that readiness path
     * (manifest-service: RidesOutOutagesTest; all: their ReadinessTest; rollout-service through a
     * broker restart: ScaleOutE2ETest).
     */
    private static final Map<String, String> RIDDEN_OUT = Map.of(
            "manifest-service",
            "postgresql,redis",
            "telemetry-service",
            "postgresql,redis",
            "rollout-service",
            "kafka");

    /** The rendered overlay, each object read into its model. */
    private record Overlay(String name, List<Object> objects) {
        <T> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T> T one(Class<T> type, String name) {
            return all(type).stream()
                    .filter(o -> name.equals(nameOf(o)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(this.name + " has no " + type.getSimpleName() + " " + name));
        }

        /** The pod template of a Deployment. */
        PodSpec pod(String deployment) {
            return one(Deployment.class, deployment).getSpec().getTemplate().getSpec();
        }

        boolean has(String kind, String name) {
            return objects.stream().anyMatch(o -> o.getClass().getSimpleName().equals(kind) && name.equals(nameOf(o)))
                    || EXTERNAL.get(this.name).contains(kind + "/" + name);
        }
    }

    private static String nameOf(Object o) {
        return o instanceof io.fabric8.kubernetes.api.model.HasMetadata m
                ? m.getMetadata().getName()
                : "";
    }

    private static Overlay render(String name) throws Exception {
        List<Object> objects = new ArrayList<>();
        for (JsonNode node : Rendered.overlay(name)) {
            objects.add(StrictModel.read(node));
        }
        return new Overlay(name, objects);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsKnownToItsModel(String overlay) throws Exception {
        List<JsonNode> nodes = Rendered.overlay(overlay);
        assertThat(nodes).hasSizeGreaterThan(25);
        for (JsonNode node : nodes) {
            assertThatCode(() -> StrictModel.read(node))
                    .as(StrictModel.typeOf(node) + " "
                            + node.path("metadata").path("name").asText())
                    .doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesProbeTheirHealthOnTheirConfiguredPorts(String name) throws Exception {
        Overlay overlay = render(name);
        Map<String, String> config =
                overlay.one(ConfigMap.class, "otter-config").getData();
        for (ServiceSettings service : ServiceSettings.all().values()) {
            Container container = container(overlay.pod(service.name()), service.name());
            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).as(service.name() + " port").isEqualTo(service.port());
            });
            String portVariable =
                    "OTTER_" + service.name().replace("-service", "").toUpperCase() + "_PORT";
            assertThat(config.get(portVariable)).as(portVariable).isEqualTo(String.valueOf(service.port()));
            Map<String, Probe> probes = Map.of(
                    "startup", container.getStartupProbe(),
                    "liveness", container.getLivenessProbe(),
                    "readiness", container.getReadinessProbe());
            probes.forEach((kind, probe) -> {
                assertThat(probe).as(service.name() + " " + kind + " probe").isNotNull();
                assertThat(probe.getHttpGet().getPath())
                        .as(service.name() + " " + kind)
                        .isEqualTo(PROBES.get(kind));
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
            });
            Service svc = overlay.one(Service.class, service.name());
            assertThat(svc.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(service.port());
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imagesArePinnedAndContainersSizedAndHardened(String name) throws Exception {
        Overlay overlay = render(name);
        List<PodSpec> pods = new ArrayList<>();
        overlay.all(Deployment.class)
                .forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        overlay.all(StatefulSet.class)
                .forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        assertThat(pods).hasSize(5);
        for (PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            for (Container c : pod.getContainers()) {
                String image = c.getImage();
                assertThat(image).as(c.getName() + " image is pinned").matches(".+(:[\\w.-]+|@sha256:[0-9a-f]{64})$");
                assertThat(image).as(c.getName()).doesNotEndWith(":latest");
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(c.getResources().getRequests())
                            .as(c.getName() + " requests")
                            .containsKey(resource);
                    assertThat(c.getResources().getLimits())
                            .as(c.getName() + " limits")
                            .containsKey(resource);
                }
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
                        .as(c.getName())
                        .isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation())
                        .as(c.getName())
                        .isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop())
                        .as(c.getName())
                        .containsExactly("ALL");
            }
        }
        for (Deployment d : overlay.all(Deployment.class)) {
            assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .as(nameOf(d) + " spreads over zones and nodes")
                    .extracting(t -> t.getTopologyKey())
                    .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(overlay.one(PodDisruptionBudget.class, nameOf(d))).isNotNull();
        }
        assertThat(overlay.all(HorizontalPodAutoscaler.class))
                .extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("manifest-service", "telemetry-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicTheServicesUseIsDeclaredWithEnoughPartitions(String name) throws Exception {
        Overlay overlay = render(name);
        String namespace =
                overlay.one(ConfigMap.class, "otter-config").getData().get("OTTER_NAMESPACE");
        Map<String, Integer> local = new HashMap<>();
        for (String line : Files.readAllLines(Rendered.ROOT.resolve("deploy/local/topics.conf"))) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && !line.startsWith("#")) {
                local.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        Map<String, KafkaTopic> declared = overlay.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));
        Set<String> used = new HashSet<>();
        ServiceSettings.all().values().forEach(s -> used.addAll(s.topicSuffixes()));
        assertThat(used).as("topics in the services' configuration").isNotEmpty();
        used.addAll(local.keySet());
        for (String suffix : used) {
            KafkaTopic topic = declared.get(namespace + "." + suffix);
            assertThat(topic).as("KafkaTopic " + namespace + "." + suffix).isNotNull();
            assertThat(topic.getSpec().getPartitions()).isGreaterThanOrEqualTo(local.getOrDefault(suffix, 1));
            assertThat(topic.getSpec().getConfig()).containsKey("retention.ms");
        }
    }

    /** More telemetry consumers than partitions would idle: the autoscaler's ceiling must fit. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void telemetryCanScaleOutNoFurtherThanItsPartitions(String name) throws Exception {
        Overlay overlay = render(name);
        String properties =
                Files.readString(Rendered.ROOT.resolve("telemetry-service/src/main/resources/application.properties"));
        java.util.regex.Matcher concurrency = java.util.regex.Pattern.compile(
                        "(?m)^mp\\.messaging\\.incoming\\.telemetry-in\\.concurrency=(\\d+)$")
                .matcher(properties);
        assertThat(concurrency.find()).as("telemetry-in.concurrency").isTrue();
        int maxReplicas = overlay.one(HorizontalPodAutoscaler.class, "telemetry-service")
                .getSpec()
                .getMaxReplicas();
        String namespace =
                overlay.one(ConfigMap.class, "otter-config").getData().get("OTTER_NAMESPACE");
        int partitions = overlay.all(KafkaTopic.class).stream()
                .filter(t -> t.getSpec().getTopicName().equals(namespace + ".telemetry.events"))
                .findFirst()
                .orElseThrow()
                .getSpec()
                .getPartitions();
        assertThat(maxReplicas * Integer.parseInt(concurrency.group(1))).isLessThanOrEqualTo(partitions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySettingAServiceNeedsIsProvided(String name) throws Exception {
        Overlay overlay = render(name);
        for (ServiceSettings service : ServiceSettings.all().values()) {
            PodSpec pod = overlay.pod(service.name());
            Container container = container(pod, service.name());
            Set<String> provided = new HashSet<>();
            for (EnvFromSource from : container.getEnvFrom()) {
                provided.addAll(
                        overlay.one(ConfigMap.class, from.getConfigMapRef().getName())
                                .getData()
                                .keySet());
            }
            for (EnvVar env : container.getEnv()) {
                provided.add(env.getName());
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    var ref = env.getValueFrom().getSecretKeyRef();
                    assertThat(overlay.has("Secret", ref.getName()))
                            .as(service.name() + " needs Secret " + ref.getName())
                            .isTrue();
                    overlay.all(Secret.class).stream()
                            .filter(s -> nameOf(s).equals(ref.getName()))
                            .forEach(s -> assertThat(keys(s)).as(ref.getName()).contains(ref.getKey()));
                }
            }
            assertThat(provided)
                    .as(service.name() + " in " + name + " must be given what its configuration reads")
                    .containsAll(service.requiredEnvironment());
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    assertThat(overlay.has("Secret", volume.getSecret().getSecretName()))
                            .as(volume.getName())
                            .isTrue();
                }
                if (volume.getConfigMap() != null
                        && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    assertThat(overlay.has("ConfigMap", volume.getConfigMap().getName()))
                            .as(volume.getName())
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void devicesReachOnlyDeviceEndpointsAndEverythingElseIsDenied(String name) throws Exception {
        Overlay overlay = render(name);
        Ingress devices = overlay.one(Ingress.class, "otter-devices");
        List<String> paths = devices.getSpec().getRules().stream()
                .flatMap(r -> r.getHttp().getPaths().stream())
                .map(p -> p.getPath())
                .toList();
        assertThat(paths)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p).doesNotStartWith("/api").doesNotStartWith("/q"));
        NetworkPolicy deny = overlay.one(NetworkPolicy.class, "default-deny-ingress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        for (String service :
                List.of("manifest-service", "rollout-service", "telemetry-service", "console", "otter-redis")) {
            assertThat(overlay.one(NetworkPolicy.class, service)).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void updateStreamsAreNeitherTimedOutBetweenHeartbeatsNorBuffered(String name) throws Exception {
        Ingress streams = render(name).one(Ingress.class, "otter-device-streams");
        assertThat(streams.getSpec().getRules().get(0).getHttp().getPaths())
                .singleElement()
                .satisfies(p -> assertThat(p.getPath()).isEqualTo("/v1/updates/stream"));
        Map<String, String> annotations = streams.getMetadata().getAnnotations();
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .isGreaterThanOrEqualTo(600);
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
    }

    /** The console's development login signs tokens with a local key: no deployment may switch it on. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noDeploymentOffersTheDevelopmentLogin(String name) throws Exception {
        Overlay overlay = render(name);
        for (ConfigMap map : overlay.all(ConfigMap.class)) {
            if (map.getData() != null) {
                assertThat(map.getData()).doesNotContainKeys(ServiceSettings.NEVER_DEPLOYED.toArray(String[]::new));
            }
        }
        for (Deployment d : overlay.all(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(c.getEnv() == null ? List.<EnvVar>of() : c.getEnv())
                        .extracting(EnvVar::getName)
                        .as(nameOf(d))
                        .doesNotContainAnyElementsOf(ServiceSettings.NEVER_DEPLOYED);
            }
        }
    }

    /** In production operators sign in at the identity provider whose tokens the services verify. */
    @Test
    void productionConsoleSignsInAtTheProviderTheServicesTrust() throws Exception {
        Map<String, String> config =
                render("prod").one(ConfigMap.class, "otter-config").getData();
        String issuer = config.get("OTTER_CONSOLE_OIDC_ISSUER");
        assertThat(issuer).startsWith("https://").isEqualTo(config.get("OTTER_JWT_ISSUER"));
        assertThat(config.get("OTTER_JWT_PUBLIC_KEY")).startsWith(issuer);
        assertThat(config.get("OTTER_CONSOLE_PUBLIC_URL")).startsWith("https://");
        String host = render("prod")
                .one(Ingress.class, "otter-operators")
                .getSpec()
                .getRules()
                .get(0)
                .getHost();
        assertThat(config.get("OTTER_CONSOLE_PUBLIC_URL")).isEqualTo("https://" + host);
    }

    /**
     * The readiness probe is the check whose behaviour through outages the services' tests assert, and
     * no deployment changes which backends it ignores: a Redis outage must not empty the load balancer.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void readinessProbesRideOutWhatTheServicesRideOut(String name) throws Exception {
        Overlay overlay = render(name);
        assertThat(overlay.one(ConfigMap.class, "otter-config").getData()).doesNotContainKey("OTTER_HEALTH_RIDDEN_OUT");
        for (var entry : RIDDEN_OUT.entrySet()) {
            String properties = Files.readString(
                    Rendered.ROOT.resolve(entry.getKey()).resolve("src/main/resources/application.properties"));
            assertThat(properties).containsPattern("(?m)^otter\\.health\\.ridden-out=" + entry.getValue() + "$");
            Container container = container(overlay.pod(entry.getKey()), entry.getKey());
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo(Health.READY);
            assertThat(container.getEnv()).noneMatch(e -> e.getName().startsWith("OTTER_HEALTH_"));
        }
    }

    /**
     * Services call each other with projected service-account tokens that live at most an hour, for
     * the otter audience; no long-lived service token is stored anywhere, and the receivers know the
     * issuer and keys that sign them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void serviceCallsCarryShortLivedProjectedTokens(String name) throws Exception {
        Overlay overlay = render(name);
        PodSpec rollout = overlay.pod("rollout-service");
        assertThat(rollout.getServiceAccountName()).isEqualTo("rollout-service");
        assertThat(overlay.one(io.fabric8.kubernetes.api.model.ServiceAccount.class, "rollout-service"))
                .isNotNull();
        var projected = rollout.getVolumes().stream()
                .filter(v -> v.getProjected() != null)
                .flatMap(v -> v.getProjected().getSources().stream())
                .map(source -> source.getServiceAccountToken())
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(projected).singleElement().satisfies(token -> {
            assertThat(token.getAudience()).isEqualTo("otter");
            assertThat(token.getExpirationSeconds()).isBetween(600L, 3600L);
        });
        Container container = container(rollout, "rollout-service");
        assertThat(container.getEnv())
                .anySatisfy(e -> assertThat(e.getName()).isEqualTo("OTTER_ROLLOUT_IDENTITY_TOKEN_FILE"))
                .noneSatisfy(e -> assertThat(e.getName()).isEqualTo("OTTER_SERVICE_TOKEN"));
        for (Secret secret : overlay.all(Secret.class)) {
            assertThat(keys(secret)).doesNotContain("rollout-service-token");
        }
        Map<String, String> config =
                overlay.one(ConfigMap.class, "otter-config").getData();
        assertThat(config.get("OTTER_SERVICE_TOKEN_ISSUER")).startsWith("https://");
        assertThat(config.get("OTTER_SERVICE_TOKEN_KEYS")).startsWith("https://");
    }

    /** Every download link names the devices' public host over HTTPS, never a pod or loopback address. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void downloadLinksPointAtTheDevicesHost(String name) throws Exception {
        Overlay overlay = render(name);
        Map<String, String> config =
                overlay.one(ConfigMap.class, "otter-config").getData();
        String host = overlay.one(Ingress.class, "otter-devices")
                .getSpec()
                .getRules()
                .get(0)
                .getHost();
        assertThat(config.get("OTTER_MANIFEST_ARTIFACTS_PUBLIC_URL"))
                .as("the base URL of /v1/files links")
                .isEqualTo("https://" + host);
        assertThat(host).doesNotContain("127.0.0.1").doesNotContain("localhost");
    }

    /**
     * Production keeps model files in the bucket, not on pod storage: every replica can serve every
     * file, devices download through pre-signed HTTPS links, and the pod reaches the bucket with its
     * workload identity rather than keys in its configuration.
     */
    @Test
    void productionServesDownloadsFromTheBucketAndKeepsNoModelsOnPods() throws Exception {
        Overlay prod = render("prod");
        Map<String, String> config = prod.one(ConfigMap.class, "otter-config").getData();
        assertThat(config.get("OTTER_MANIFEST_ARTIFACTS_STORE")).isEqualTo("s3");
        assertThat(config.get("OTTER_MANIFEST_ARTIFACTS_S3_BUCKET")).isNotBlank();
        assertThat(config.getOrDefault("OTTER_MANIFEST_ARTIFACTS_S3_ENDPOINT", "https://"))
                .as("pre-signed links are made on the endpoint: devices must get HTTPS")
                .startsWith("https://");
        assertThat(config)
                .doesNotContainKeys("OTTER_MANIFEST_ARTIFACTS_S3_ACCESS_KEY", "OTTER_MANIFEST_ARTIFACTS_S3_SECRET_KEY");

        PodSpec pod = prod.pod("manifest-service");
        String dir = config.get("OTTER_ARTIFACTS_DIR");
        String mounted = container(pod, "manifest-service").getVolumeMounts().stream()
                .filter(m -> dir.startsWith(m.getMountPath()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume at " + dir))
                .getName();
        Volume artifacts = pod.getVolumes().stream()
                .filter(v -> v.getName().equals(mounted))
                .findFirst()
                .orElseThrow();
        assertThat(artifacts.getEmptyDir()).as("models on the node's disk").isNull();
        assertThat(artifacts.getHostPath()).isNull();
        assertThat(artifacts.getEphemeral())
                .as("scratch space for uploads and patch making")
                .isNotNull();

        String account = pod.getServiceAccountName();
        assertThat(account).isNotBlank();
        assertThat(prod.one(io.fabric8.kubernetes.api.model.ServiceAccount.class, account)
                        .getMetadata()
                        .getAnnotations())
                .containsKey("eks.amazonaws.com/role-arn");
    }

    /** Operators reach the console and the APIs on one host: pages and the calls they make share an origin. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleIsServedBesideTheOperatorApis(String name) throws Exception {
        Ingress operators = render(name).one(Ingress.class, "otter-operators");
        assertThat(operators.getSpec().getRules()).hasSize(1);
        var paths = operators.getSpec().getRules().get(0).getHttp().getPaths();
        assertThat(paths)
                .filteredOn(p -> p.getPath().equals("/"))
                .singleElement()
                .satisfies(
                        p -> assertThat(p.getBackend().getService().getName()).isEqualTo("console"));
        assertThat(paths).anySatisfy(p -> assertThat(p.getPath()).isEqualTo("/api/v1"));
    }

    private static Set<String> keys(Secret secret) {
        Set<String> keys = new HashSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }
}
