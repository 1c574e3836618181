package io.github.linkroute.publisher.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * Reads manifests as {@code kubectl apply -f} would, into the fabric8 Kubernetes model, and reports
 * what the model silently tolerates: unknown fields (kept in additionalProperties), unknown kinds,
 * values of the wrong type and missing required fields.
 */
final class Manifests {

    /** The kinds deploy/ may contain, by apiVersion and kind. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "batch/v1/Job", Job.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final List<HasMetadata> objects = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    /** Every YAML document of the given files, or of the .yaml files in the given folders. */
    static Manifests load(Path... paths) throws IOException {
        Manifests manifests = new Manifests();
        for (Path path : paths) {
            List<Path> files;
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    files = list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                            .sorted(Comparator.naturalOrder()).toList();
                }
            } else {
                files = List.of(path);
            }
            for (Path file : files) {
                manifests.read(file.toString(), Files.readString(file));
            }
        }
        return manifests;
    }

    /** Manifests from text, for tests of the checks themselves. */
    static Manifests parse(String name, String yaml) throws IOException {
        Manifests manifests = new Manifests();
        manifests.read(name, yaml);
        return manifests;
    }

    private void read(String source, String yaml) throws IOException {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                index++;
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String where = source + "#" + index;
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                Class<? extends HasMetadata> kind = KINDS.get(type);
                if (kind == null) {
                    problems.add(where + ": unexpected kind " + type);
                    continue;
                }
                HasMetadata object;
                try {
                    object = YAML.treeToValue(document, kind);
                } catch (IOException e) {
                    problems.add(where + ": wrong type: " + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                where = where + " " + document.path("kind").asText() + "/" + object.getMetadata().getName();
                unknownFields(where, object);
                required(where, object);
                objects.add(object);
            }
        }
    }

    /** Walks the model: the fabric8 classes keep any field they do not know in additionalProperties. */
    private void unknownFields(String path, Object node) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(path + "[" + i++ + "]", item);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(path + "." + key, value));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                unknownFields(path + "." + property(getter.getName()), value);
            }
        }
    }

    private void required(String where, HasMetadata object) {
        if (object.getMetadata() == null || blank(object.getMetadata().getName())) {
            problems.add(where + ": metadata.name is required");
        }
        if (object instanceof Service service) {
            if (service.getSpec() == null || service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty()) {
                problems.add(where + ": spec.ports is required");
            } else {
                service.getSpec().getPorts().stream().filter(p -> p.getPort() == null)
                        .forEach(p -> problems.add(where + ": a port has no number"));
            }
        }
        PodTemplateSpec template = template(object);
        if (object instanceof Deployment || object instanceof StatefulSet) {
            if (template == null || template.getSpec() == null) {
                problems.add(where + ": spec.template.spec is required");
                return;
            }
            if (selectorLabels(object) == null) {
                problems.add(where + ": spec.selector is required");
            }
            List<Container> containers = template.getSpec().getContainers();
            if (containers == null || containers.isEmpty()) {
                problems.add(where + ": at least one container is required");
            } else {
                for (Container c : containers) {
                    if (blank(c.getName()) || blank(c.getImage())) {
                        problems.add(where + ": every container needs a name and an image");
                    }
                }
            }
        }
    }

    static PodTemplateSpec template(HasMetadata object) {
        if (object instanceof Deployment d && d.getSpec() != null) {
            return d.getSpec().getTemplate();
        }
        if (object instanceof StatefulSet s && s.getSpec() != null) {
            return s.getSpec().getTemplate();
        }
        return null;
    }

    static Map<String, String> selectorLabels(HasMetadata object) {
        if (object instanceof Deployment d && d.getSpec() != null && d.getSpec().getSelector() != null) {
            return d.getSpec().getSelector().getMatchLabels();
        }
        if (object instanceof StatefulSet s && s.getSpec() != null && s.getSpec().getSelector() != null) {
            return s.getSpec().getSelector().getMatchLabels();
        }
        return null;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
    }

    /** Pod templates of every workload, with the workload's name. */
    List<PodTemplateSpec> podTemplates() {
        return objects.stream().map(Manifests::template).filter(t -> t != null).toList();
    }

    Manifests plus(Manifests other) {
        Manifests both = new Manifests();
        both.objects.addAll(objects);
        both.objects.addAll(other.objects);
        both.problems.addAll(problems);
        both.problems.addAll(other.problems);
        return both;
    }

    private static String property(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
