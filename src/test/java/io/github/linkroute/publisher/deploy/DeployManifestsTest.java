package io.github.linkroute.publisher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.github.linkroute.publisher.config.PublisherConfig;
import io.github.linkroute.publisher.messaging.Channels;
import io.smallrye.config.ConfigMapping;

/**
 * Each topology exactly as a user applies it ({@code kubectl apply -f deploy/base -f deploy/<topology>},
 * with the example Secrets), parsed with the fabric8 model and cross-checked against the application
 * and against itself: the mistakes that only show up as a silent failure on a cluster.
 */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("deploy");
    static final String PUBLISHER = "amqp-link-publisher";

    static Stream<Arguments> topologies() {
        return Stream.of(Arguments.of("single"), Arguments.of("dual"));
    }

    private static Manifests topology(String name) throws IOException {
        return Manifests.load(DEPLOY.resolve("base"), DEPLOY.resolve(name));
    }

    private static Manifests withSecrets(Manifests topology) throws IOException {
        return topology.plus(Manifests.load(DEPLOY.resolve("examples")));
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void everyObjectParsesWithoutUnknownFieldsOrKinds(String name) throws IOException {
        Manifests manifests = withSecrets(topology(name));
        assertThat(manifests.problems).isEmpty();
        assertThat(manifests.objects).extracting(HasMetadata::getKind)
                .contains("Deployment", "StatefulSet", "Service", "ConfigMap", "NetworkPolicy", "Secret");
    }

    @Test
    void theCheckFailsOnABrokenManifest() throws IOException {
        Manifests broken = Manifests.parse("broken.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  selector:
                    matchLabels: {app: typo}
                  template:
                    metadata:
                      labels: {app: typo}
                    spec:
                      contianers:
                        - name: x
                          image: y
                ---
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: misspelt-kind
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: wrong-type
                spec:
                  replicas: two
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: no-ports
                spec:
                  selector: {app: typo}
                """);
        assertThat(broken.problems).anyMatch(p -> p.contains("contianers"))
                .anyMatch(p -> p.contains("unexpected kind apps/v1/Deploymnet"))
                .anyMatch(p -> p.contains("wrong type"))
                .anyMatch(p -> p.contains("at least one container"))
                .anyMatch(p -> p.contains("no-ports") && p.contains("spec.ports"));
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void probesPointAtTheApplicationsHealthEndpoints(String name) throws IOException {
        Container publisher = container(topology(name), PUBLISHER);
        int appPort = Integer.parseInt(applicationProperties().getProperty("quarkus.http.port", "8080"));
        assertThat(applicationProperties().getProperty("quarkus.http.non-application-root-path")).isNull();
        assertThat(path(publisher.getStartupProbe())).isEqualTo("/q/health/started");
        assertThat(path(publisher.getLivenessProbe())).isEqualTo("/q/health/live");
        assertThat(path(publisher.getReadinessProbe())).isEqualTo("/q/health/ready");
        for (Probe probe : List.of(publisher.getStartupProbe(), publisher.getLivenessProbe(), publisher.getReadinessProbe())) {
            assertThat(containerPort(publisher, probe.getHttpGet().getPort().getStrVal(), probe.getHttpGet().getPort().getIntVal()))
                    .isEqualTo(appPort);
        }
    }

    /** Whether the routers accept these configs and route link1.* to the broker is proven on a real router: ShippedRouterConfigsTest. */
    @ParameterizedTest
    @MethodSource("topologies")
    void thePublishedAddressIsUnderTheLinkRoutedPrefix(String name) throws IOException {
        Manifests manifests = topology(name);
        String address = publisherConfig(manifests).get("PUBLISHER_ADDRESS");
        assertThat(address).isEqualTo("link1.test");
        List<RouterConf> routers = routers(manifests);
        assertThat(routers).hasSize(name.equals("single") ? 1 : 2);
        for (RouterConf router : routers) {
            assertThat(router.of("linkRoute")).extracting(s -> s.get("pattern")).containsOnly("link1.#");
            assertThat(router.of("listener")).anyMatch(l -> "true".equals(l.get("http")) && "true".equals(l.get("healthz")));
        }
        assertThat(routers.stream().flatMap(r -> r.of("connector").stream())
                .filter(c -> "route-container".equals(c.get("role")))).as("exactly one router holds the broker").hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void everyConnectorAndThePublisherUrlReachAServiceThatReachesAPort(String name) throws IOException {
        Manifests manifests = topology(name);
        List<String[]> targets = new ArrayList<>();
        URI url = URI.create(publisherConfig(manifests).get("PUBLISHER_URL"));
        targets.add(new String[] { url.getHost(), String.valueOf(url.getPort()) });
        for (RouterConf router : routers(manifests)) {
            router.of("connector").forEach(c -> targets.add(new String[] { c.get("host"), c.get("port") }));
        }
        assertThat(url.getHost()).isEqualTo("amqp-router");
        for (String[] target : targets) {
            Service service = manifests.named(Service.class, target[0]);
            ServicePort port = service.getSpec().getPorts().stream()
                    .filter(p -> p.getPort() == Integer.parseInt(target[1])).findFirst()
                    .orElseThrow(() -> new AssertionError(target[0] + " has no port " + target[1]));
            List<PodTemplateSpec> selected = selectedBy(manifests, service.getSpec().getSelector());
            assertThat(selected).as("pods behind " + target[0]).isNotEmpty();
            for (PodTemplateSpec pod : selected) {
                Container container = pod.getSpec().getContainers().get(0);
                assertThat(containerPort(container, port.getTargetPort().getStrVal(), port.getTargetPort().getIntVal()))
                        .as(target[0] + " target port").isEqualTo(Integer.parseInt(target[1]));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void selectorsMatchPodLabels(String name) throws IOException {
        Manifests manifests = topology(name);
        for (HasMetadata workload : manifests.objects) {
            Map<String, String> selector = Manifests.selectorLabels(workload);
            if (selector != null) {
                assertThat(Manifests.template(workload).getMetadata().getLabels()).containsAllEntriesOf(selector);
            }
        }
        for (Service service : manifests.all(Service.class)) {
            assertThat(selectedBy(manifests, service.getSpec().getSelector())).as("Service " + service.getMetadata().getName())
                    .isNotEmpty();
        }
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            assertThat(selectedBy(manifests, policy.getSpec().getPodSelector().getMatchLabels()))
                    .as("NetworkPolicy " + policy.getMetadata().getName()).isNotEmpty();
            policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                    .map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                    .forEach(from -> assertThat(selectedBy(manifests, from.getMatchLabels()))
                            .as("peers of " + policy.getMetadata().getName()).isNotEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void networkPoliciesAdmitOnlyTheIntendedPeers(String name) throws IOException {
        Manifests manifests = topology(name);
        String brokerSide = name.equals("single") ? "router-a" : "router-b";
        NetworkPolicy broker = manifests.named(NetworkPolicy.class, "artemis-from-broker-side-router");
        List<PodTemplateSpec> brokerPeers = selectedBy(manifests,
                broker.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
        assertThat(brokerPeers).extracting(p -> p.getMetadata().getLabels().get("app.kubernetes.io/name"))
                .containsExactly(brokerSide);
        String clientFacing = name.equals("single") ? "router-a" : "router-c";
        NetworkPolicy router = manifests.all(NetworkPolicy.class).stream()
                .filter(p -> clientFacing.equals(p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                .findFirst().orElseThrow();
        assertThat(selectedBy(manifests, router.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels()))
                .extracting(p -> p.getMetadata().getLabels().get("app.kubernetes.io/name")).containsExactly(PUBLISHER);
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void everyReferencedConfigMapAndSecretKeyExists(String name) throws IOException {
        Manifests manifests = withSecrets(topology(name));
        for (PodTemplateSpec pod : manifests.podTemplates()) {
            for (Container container : pod.getSpec().getContainers()) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    if (env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        assertThat(secretKeys(manifests, ref.getName())).as(env.getName()).contains(ref.getKey());
                    }
                    if (env.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = env.getValueFrom().getConfigMapKeyRef();
                        assertThat(manifests.named(ConfigMap.class, ref.getName()).getData()).containsKey(ref.getKey());
                    }
                }
                if (container.getEnvFrom() != null) {
                    container.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                            .forEach(e -> manifests.named(ConfigMap.class, e.getConfigMapRef().getName()));
                }
            }
            for (Volume volume : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    ConfigMap map = manifests.named(ConfigMap.class, volume.getConfigMap().getName());
                    if (volume.getConfigMap().getItems() != null) {
                        volume.getConfigMap().getItems().forEach(i -> assertThat(map.getData()).containsKey(i.getKey()));
                    }
                }
                if (volume.getSecret() != null) {
                    List<String> keys = secretKeys(manifests, volume.getSecret().getSecretName());
                    if (volume.getSecret().getItems() != null) {
                        volume.getSecret().getItems().forEach(i -> assertThat(keys).contains(i.getKey()));
                    }
                }
            }
        }
        // the broker-side router logs in as the broker's user
        String brokerUser = manifests.named(Secret.class, "amqp-broker-credentials").getStringData().get("broker-user");
        assertThat(routers(manifests).stream().flatMap(r -> r.of("connector").stream())
                .filter(c -> "route-container".equals(c.get("role"))))
                .allSatisfy(c -> assertThat(c.get("saslUsername")).isEqualTo(brokerUser));
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void noPasswordOutsideTheMarkedExample(String name) throws IOException {
        Manifests manifests = topology(name);
        assertThat(manifests.all(Secret.class)).as("Secrets are created by the user, not applied from base/").isEmpty();
        for (ConfigMap map : manifests.all(ConfigMap.class)) {
            map.getData().forEach((key, value) -> {
                assertThat(key.toLowerCase()).doesNotContain("password");
                assertThat(value).doesNotContainPattern("(?i)saslPassword:\\s*(pass|literal):");
            });
        }
        assertThat(Files.readString(DEPLOY.resolve("examples/secrets.example.yaml"))).contains("EXAMPLE ONLY");
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void theServiceScalesOutDrainsAndRunsLocked(String name) throws IOException {
        Manifests manifests = topology(name);
        assertThat(manifests.all(Deployment.class)).extracting(d -> d.getMetadata().getName()).doesNotContain(PUBLISHER);
        StatefulSet service = manifests.named(StatefulSet.class, PUBLISHER);
        assertThat(service.getSpec().getReplicas()).isGreaterThan(1);
        Container publisher = container(manifests, PUBLISHER);
        EnvVar containerId = publisher.getEnv().stream()
                .filter(e -> e.getName().equals("PUBLISHER_CONNECTION_CONTAINER_ID")).findFirst().orElseThrow();
        // a StatefulSet's pod name is stable: the same container id, and the same spool, after a restart
        assertThat(containerId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");

        Duration drain = Duration.parse("PT" + publisherConfig(manifests).getOrDefault("PUBLISHER_DRAIN_TIMEOUT", "10s").toUpperCase());
        assertThat(service.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan(drain.toSeconds());

        var pod = service.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        var security = publisher.getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(publisher.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(publisher.getResources().getLimits()).containsKey("memory");
        assertThat(publisher.getImage()).isEqualTo("amqp-link-publisher:1.0.0-SNAPSHOT");
        assertThat(Files.readString(Path.of("src/main/docker/Dockerfile.jvm"))).contains("amqp-link-publisher:1.0.0-SNAPSHOT");
        assertThat(Channels.PUBLISH).isEqualTo("publish");
    }

    /** Issue 10: the spool survives a restart only on a claim of the replica's own, writable by the non-root user. */
    @ParameterizedTest
    @MethodSource("topologies")
    void eachReplicaKeepsItsOwnSpoolOnItsOwnClaim(String name) throws Exception {
        Manifests manifests = topology(name);
        StatefulSet service = manifests.named(StatefulSet.class, PUBLISHER);
        assertThat(spoolProblems(service, publisherConfig(manifests))).isEmpty();
        // PUBLISHER_SPOOL_DIR and PUBLISHER_SPOOL_ENABLED are the keys publisher.spool.dir / .enabled
        assertThat(PublisherConfig.class.getAnnotation(ConfigMapping.class).prefix()).isEqualTo("publisher");
        assertThat(PublisherConfig.class.getMethod("spool").getReturnType().getMethod("dir").getReturnType()).isEqualTo(String.class);
        assertThat(PublisherConfig.Spool.class.getMethod("enabled").getReturnType()).isEqualTo(boolean.class);

        // the governing Service exists, is headless and selects these pods
        Service governing = manifests.named(Service.class, service.getSpec().getServiceName());
        assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(governing.getSpec().getSelector());
        // a scale-down or a delete keeps the claims: what a replica still held is not thrown away with it
        assertThat(service.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
        assertThat(service.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
    }

    @Test
    void theSpoolCheckFailsWhereASpoolWouldBeLostOrShared() throws IOException {
        Manifests broken = Manifests.parse("spools.yaml", """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: on-empty-dir}
                spec:
                  serviceName: x
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      securityContext: {runAsUser: 185, fsGroup: 185}
                      containers:
                        - name: c
                          image: i
                          env: [{name: PUBLISHER_SPOOL_DIR, value: /spool}]
                          volumeMounts: [{name: spool, mountPath: /spool}]
                      volumes: [{name: spool, emptyDir: {}}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: not-mounted}
                spec:
                  serviceName: x
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          env: [{name: PUBLISHER_SPOOL_DIR, value: /var/spool}]
                          volumeMounts: [{name: spool, mountPath: /var/lib/spool, readOnly: true}]
                  volumeClaimTemplates:
                    - metadata: {name: spool}
                      spec:
                        accessModes: [ReadWriteMany]
                        resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: a-deployment}
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers: [{name: c, image: i, env: [{name: PUBLISHER_SPOOL_ENABLED, value: "false"}]}]
                """);
        assertThat(broken.problems).isEmpty();
        assertThat(spoolProblems(broken.objects.get(0), Map.of()))
                .anyMatch(p -> p.contains("not on a volumeClaimTemplate"));
        assertThat(spoolProblems(broken.objects.get(1), Map.of()))
                .anyMatch(p -> p.contains("/var/spool") && p.contains("not under a writable mount"))
                .anyMatch(p -> p.contains("ReadWriteOnce"))
                .anyMatch(p -> p.contains("fsGroup"));
        assertThat(spoolProblems(broken.objects.get(2), Map.of()))
                .anyMatch(p -> p.contains("not a StatefulSet"))
                .anyMatch(p -> p.contains("spool is disabled"))
                .anyMatch(p -> p.contains("PUBLISHER_SPOOL_DIR"));
    }

    /** The ServiceMonitor and the pod annotations (deploy/monitoring/) reach /q/metrics on every replica, ready or not. */
    @ParameterizedTest
    @MethodSource("topologies")
    void metricsAreScrapedFromEveryReplicaReadyOrNot(String name) throws IOException {
        Manifests manifests = topology(name);
        assertThat(applicationProperties().getProperty("quarkus.micrometer.export.prometheus.path")).isNull();
        StatefulSet service = manifests.named(StatefulSet.class, PUBLISHER);
        Container publisher = container(manifests, PUBLISHER);

        JsonNode monitor = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DEPLOY.resolve("monitoring/publisher-servicemonitor.yaml")));
        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.path("kind").asText()).isEqualTo("ServiceMonitor");
        Map<String, String> selector = new ObjectMapper().convertValue(monitor.path("spec").path("selector").path("matchLabels"),
                new TypeReference<Map<String, String>>() { });
        List<Service> scraped = manifests.all(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
        assertThat(scraped).as("one Service, so each pod is scraped once").hasSize(1);
        Service through = scraped.get(0);
        // readiness is DOWN through a broker outage: only a Service that lists unready pods keeps them scraped
        assertThat(through.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(through.getSpec().getSelector());
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        ServicePort port = through.getSpec().getPorts().stream().filter(p -> p.getName().equals(endpoint.path("port").asText()))
                .findFirst().orElseThrow();
        assertThat(containerPort(publisher, port.getTargetPort().getStrVal(), port.getTargetPort().getIntVal())).isEqualTo(8080);

        Map<String, String> annotations = service.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
        assertThat(containerPort(publisher, "http", null)).isEqualTo(Integer.parseInt(annotations.get("prometheus.io/port")));
    }

    /** The run-once smoke test: the demo's -m with exit, its spool kept across container restarts of the pod. */
    @Test
    void theSmokeTestJobRunsOnceAndKeepsItsSpoolAcrossRetries() throws IOException {
        Job job = Manifests.load(DEPLOY.resolve("examples/run-once-job.yaml")).all(Job.class).get(0);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("OnFailure");
        Container container = pod.getContainers().get(0);
        Map<String, String> env = new java.util.HashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        assertThat(env).containsEntry("PUBLISHER_EXIT_WHEN_DONE", "true").containsKey("PUBLISHER_COUNT");
        assertThat(Long.parseLong(env.get("PUBLISHER_COUNT"))).isPositive();
        String spool = env.get("PUBLISHER_SPOOL_DIR");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(spool);
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getName()).isEqualTo(m.getName())
                    .satisfies(n -> assertThat(v.getEmptyDir()).isNotNull()));
        });
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "amqp-link-publisher");
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void routersAndBrokerRunAsTheIssueSays(String name) throws IOException {
        Manifests manifests = topology(name);
        for (Deployment router : manifests.all(Deployment.class)) {
            var spec = router.getSpec().getTemplate().getSpec();
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(spec.getSecurityContext().getRunAsUser()).isPositive();
            Container c = spec.getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("quay.io/interconnectedcloud/qdrouterd:1.17.1");
            assertThat(c.getEnv()).anyMatch(e -> e.getName().equals("QDROUTERD_CONF") && e.getValue().endsWith("qdrouterd.conf"));
            assertThat(path(c.getReadinessProbe())).isEqualTo("/healthz");
        }
        StatefulSet artemis = manifests.named(StatefulSet.class, "artemis");
        var pod = artemis.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1001L);
        assertThat(artemis.getSpec().getVolumeClaimTemplates()).extracting(v -> v.getMetadata().getName()).contains("data");
        Container broker = pod.getContainers().get(0);
        assertThat(broker.getImage()).isEqualTo("apache/activemq-artemis:2.40.0");
        assertThat(broker.getVolumeMounts()).anyMatch(m -> m.getName().equals("data")
                && m.getMountPath().equals("/var/lib/artemis-instance/data"));
        assertThat(broker.getReadinessProbe()).isNotNull();
        String properties = manifests.named(ConfigMap.class, "artemis-config").getData().get("broker.properties");
        assertThat(properties).contains("addressSettings.\"link1.#\".defaultAddressRoutingType=ANYCAST");
        assertThat(broker.getEnv()).anyMatch(e -> e.getName().equals("JAVA_ARGS_APPEND")
                && e.getValue().contains("-Dbroker.properties=/etc/artemis-config/broker.properties"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Container container(Manifests manifests, String statefulSet) {
        return manifests.named(StatefulSet.class, statefulSet).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /**
     * Why this workload's spool would not survive a restart of its pod, or would be shared: none when
     * the spool is on, its directory lies under a writable mount of a ReadWriteOnce claim template
     * (one claim per replica, found again under the same pod name), and the non-root user can write it.
     */
    static List<String> spoolProblems(HasMetadata workload, Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        String name = workload.getMetadata().getName();
        if (!(workload instanceof StatefulSet)) {
            problems.add(name + " is not a StatefulSet: its pods get new names and no claim of their own");
        }
        PodTemplateSpec template = Manifests.template(workload);
        Container container = template.getSpec().getContainers().get(0);
        Map<String, String> env = new HashMap<>(config);
        if (container.getEnv() != null) {
            container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        }
        if ("false".equalsIgnoreCase(env.get("PUBLISHER_SPOOL_ENABLED"))) {
            problems.add(name + ": the spool is disabled");
        }
        List<PersistentVolumeClaim> claims = workload instanceof StatefulSet s
                && s.getSpec().getVolumeClaimTemplates() != null ? s.getSpec().getVolumeClaimTemplates() : List.of();
        for (var claim : claims) {
            var modes = claim.getSpec().getAccessModes();
            if (!List.of("ReadWriteOnce").equals(modes) && !List.of("ReadWriteOncePod").equals(modes)) {
                problems.add(name + ": claim " + claim.getMetadata().getName() + " must be ReadWriteOnce (one writer), not " + modes);
            }
            if (claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null
                    || !claim.getSpec().getResources().getRequests().containsKey("storage")) {
                problems.add(name + ": claim " + claim.getMetadata().getName() + " requests no storage");
            }
        }
        var pod = template.getSpec().getSecurityContext();
        if (pod == null || pod.getFsGroup() == null) {
            problems.add(name + ": no fsGroup: a fresh volume is owned by root and the non-root user cannot write the spool");
        }
        String dir = env.get("PUBLISHER_SPOOL_DIR");
        if (dir == null) {
            problems.add(name + ": no PUBLISHER_SPOOL_DIR: the default is not on a volume");
            return problems;
        }
        List<VolumeMount> mounts = container.getVolumeMounts() == null ? List.of()
                : container.getVolumeMounts();
        var mount = mounts.stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .filter(m -> dir.equals(m.getMountPath()) || dir.startsWith(m.getMountPath().replaceAll("/$", "") + "/"))
                .max(Comparator.comparingInt(m -> m.getMountPath().length()));
        if (mount.isEmpty()) {
            problems.add(name + ": PUBLISHER_SPOOL_DIR " + dir + " is not under a writable mount (the root filesystem is read-only)");
        } else if (claims.stream().noneMatch(c -> c.getMetadata().getName().equals(mount.get().getName()))) {
            problems.add(name + ": the spool's volume " + mount.get().getName()
                    + " is not on a volumeClaimTemplate: it is gone when the pod is");
        }
        return problems;
    }

    private static Map<String, String> publisherConfig(Manifests manifests) {
        return manifests.named(ConfigMap.class, "publisher-config").getData();
    }

    private static List<RouterConf> routers(Manifests manifests) {
        return manifests.all(ConfigMap.class).stream().filter(c -> c.getData().containsKey("qdrouterd.conf"))
                .map(c -> RouterConf.parse(c.getData().get("qdrouterd.conf"))).toList();
    }

    private static List<PodTemplateSpec> selectedBy(Manifests manifests, Map<String, String> selector) {
        return manifests.podTemplates().stream()
                .filter(t -> selector != null && !selector.isEmpty() && t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    private static List<String> secretKeys(Manifests manifests, String name) {
        Secret secret = manifests.named(Secret.class, name);
        List<String> keys = new ArrayList<>();
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        return keys;
    }

    private static int containerPort(Container container, String name, Integer number) {
        if (name == null) {
            return number;
        }
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name));
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
