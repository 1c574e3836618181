package io.github.linkroute.publisher.rest;

/** The example bodies the OpenAPI document shows for each answer, written as the service sends them. */
public final class ApiExamples {

    private ApiExamples() {
    }

    public static final String TEXT_REQUEST = "hello";

    public static final String JSON_REQUEST = """
            {"body": "hello", "count": 3}""";

    public static final String ACCEPTED = """
            {"ids":["0f6a7c2e-4b1d-4f7e-9a35-2c8d1e5b7a90"],"outcome":"ACCEPTED","accepted":1,"pending":0}""";

    public static final String PENDING = """
            {"ids":["0f6a7c2e-4b1d-4f7e-9a35-2c8d1e5b7a90","5d2b9e41-7c3a-4e8f-b6d0-91a4f2c3e7b5"],\
            "outcome":"PENDING","accepted":0,"pending":2,"reason":"not settled yet: the messages are taken \
            (on local disk while the spool is on) and go out when the link is back"}""";

    public static final String REJECTED = """
            {"ids":["0f6a7c2e-4b1d-4f7e-9a35-2c8d1e5b7a90","5d2b9e41-7c3a-4e8f-b6d0-91a4f2c3e7b5"],\
            "outcome":"REJECTED","accepted":1,"pending":0,"condition":"amqp:precondition-failed",\
            "description":"no room for you","reason":"rejected by the broker: amqp:precondition-failed (no room for you)"}""";

    public static final String FAILED = """
            {"ids":["0f6a7c2e-4b1d-4f7e-9a35-2c8d1e5b7a90"],"outcome":"FAILED","accepted":0,"pending":0,\
            "reason":"RELEASED 11 times, max-redeliveries is 10"}""";

    public static final String BUFFER_FULL = """
            {"ids":["0f6a7c2e-4b1d-4f7e-9a35-2c8d1e5b7a90"],"outcome":"BUFFER_FULL","accepted":0,"pending":1,\
            "notTaken":2,"reason":"the buffer is full while the link is down; the listed messages were taken and \
            will be sent, 2 were not: retry later"}""";

    public static final String NOT_TAKEN = """
            {"ids":[],"outcome":"NOT_TAKEN","accepted":0,"pending":0,"notTaken":1,\
            "reason":"not taken: the spool cannot store messages: spool directory /var/lib/publisher/spool is not writable"}""";

    public static final String BAD_REQUEST = """
            {"status":400,"error":"Bad Request","reason":"\\"count\\" must be an integer from 1 to 100"}""";

    public static final String UNAUTHORIZED = """
            {"status":401,"error":"Unauthorized",\
            "reason":"credentials required: use HTTP basic authentication (publisher.rest.user)"}""";

    public static final String FORBIDDEN = """
            {"status":403,"error":"Forbidden","reason":"these credentials may not do this"}""";

    public static final String METHOD_NOT_ALLOWED = """
            {"status":405,"error":"Method Not Allowed","reason":"GET is not allowed on /messages; it takes POST"}""";

    public static final String TOO_LARGE = """
            {"status":413,"error":"Request Entity Too Large","reason":"body is 70000 bytes, at most 65536 are accepted"}""";

    public static final String TOO_LARGE_FOR_THE_SERVER = """
            {"status":413,"error":"Request Entity Too Large",\
            "reason":"body is 12582912 bytes, too large: the HTTP server takes at most 10485760"}""";

    public static final String UNSUPPORTED_MEDIA_TYPE = """
            {"status":415,"error":"Unsupported Media Type","reason":"no Content-Type: send text/plain or application/json"}""";

    public static final String NOT_WIRED = """
            {"status":503,"error":"Service Unavailable","reason":"the channel is not wired yet"}""";

    public static final String EMITTER = """
            {"enabled":true,"state":"PAUSED","emitted":1200,"accepted":1198}""";

    public static final String STATUS = """
            {"channel":"publish","address":"link1.test","connectedTo":"router-a:5672","state":"ATTACHED",\
            "stateSince":"2026-11-30T09:14:02.118Z","canPublish":true,\
            "lastError":{"condition":"qd:routed-link-lost","description":"Connectivity to the peer container was lost",\
            "at":"2026-11-30T09:13:58.004Z"},\
            "counters":{"sent":1203,"accepted":1198,"rejected":1,"released":0,"modified":0,"resent":3,"failed":1,\
            "attaches":2,"reattaches":1,"refusedAttaches":2,"linkLosses":1,"reconnects":0,\
            "failedByReason":{"max-redeliveries":1}},\
            "buffer":{"depth":0,"capacity":1000},"unsettled":2,"lastAcceptedAt":"2026-11-30T09:15:41.530Z",\
            "emitter":{"enabled":true,"state":"RUNNING","emitted":1200,"accepted":1198},\
            "spool":{"enabled":true,"directory":"spool","depth":2,"failure":null,"recovered":null}}""";

    public static final String EVENTS = """
            {"peer":"router-a:5672","capacity":200,"events":[\
            {"id":5,"at":"2026-11-30T09:14:02.118Z","last":"2026-11-30T09:14:02.118Z","channel":"publish",\
            "kind":"REATTACHED","count":1,"messages":3,"text":"re-attached after 4 s (2 refused before); 3 re-sent"},\
            {"id":4,"at":"2026-11-30T09:14:00.101Z","last":"2026-11-30T09:14:02.003Z","channel":"publish",\
            "kind":"REFUSED","condition":"qd:no-route-to-dest","count":2,\
            "text":"refused x2 over 2 s: qd:no-route-to-dest"},\
            {"id":3,"at":"2026-11-30T09:13:58.004Z","last":"2026-11-30T09:13:58.004Z","channel":"publish",\
            "kind":"DETACHED","condition":"qd:routed-link-lost","count":1,\
            "text":"detached: qd:routed-link-lost; 3 unsettled to re-send"}]}""";
}
