package io.github.linkroute.publisher.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/** A test through a real qdrouterd: skipped with one line saying how to get one when there is none. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RouterAvailable.class)
public @interface RequiresRouter {
}
