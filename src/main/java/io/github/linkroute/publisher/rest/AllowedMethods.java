package io.github.linkroute.publisher.rest;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The HTTP methods each resource path takes, read from the Jakarta REST resources: Quarkus REST's own
 * 405 carries no {@code Allow} header, and a client should learn what it may send instead.
 */
@ApplicationScoped
public class AllowedMethods {

    private final Map<String, Set<String>> byPath = new TreeMap<>();

    AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : bean.getBeanClass().getMethods()) {
                for (var annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        byPath.computeIfAbsent(normalize(root.value() + (sub == null ? "" : "/" + sub.value())),
                                ignored -> new TreeSet<>()).add(http.value());
                    }
                }
            }
        }
    }

    /** The methods {@code path} takes; empty when no resource has that exact path. */
    public Set<String> of(String path) {
        return byPath.getOrDefault(normalize(path), Set.of());
    }

    private static String normalize(String path) {
        String single = ("/" + path).replaceAll("/+", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }
}
