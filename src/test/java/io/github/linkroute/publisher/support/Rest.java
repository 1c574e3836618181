package io.github.linkroute.publisher.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests as the operator's tools send them. */
public final class Rest {

    public static final String USER = "publisher";

    private Rest() {
    }

    /** A request with the write user's credentials. */
    public static RequestSpecification authorized() {
        return given().auth().preemptive().basic(USER, ScriptedRouter.TEST_PASSWORD);
    }
}
