package io.github.linkroute.publisher.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.linkroute.publisher.config.AmqpUrl;
import io.quarkus.logging.Log;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.proton.ProtonConnection;

/**
 * Opens the link's connection and opens it again when it fails or is lost: to the next router of the
 * list at once, with a jittered back-off after a full round (a link route works through any router of
 * the network). A connect that gets no OPEN within the open timeout (a peer that accepts TCP and never
 * answers SASL or OPEN) counts as failed. Repeating failures are logged once per condition, then now
 * and then as a summary.
 */
final class ConnectionSupervisor {

    /** What the supervisor reports, on the link's context. */
    interface Listener {

        void connected(ProtonConnection connection);

        /** A connect failed; the listener decides whether to {@link #reconnectLater}. */
        void connectFailed(Condition condition);

        /** The open connection was lost; the listener decides whether to {@link #reconnectLater}. */
        void connectionLost(Condition condition);
    }

    private final LinkScope scope;
    /** One set of options per router, the first as configured. */
    private final List<AmqpClientOptions> endpoints;
    private final List<AmqpClient> clients = new ArrayList<>();
    private final Listener listener;
    private AmqpClient client;
    private AmqpClientOptions options;
    /** The router tried now, and how many of the list were tried since the last connect or back-off. */
    private int current;
    private int triedInRound;
    private final ConnectFailureLog failureLog;
    private AmqpConnection amqpConnection;
    private ProtonConnection connection;
    private long generation;
    private boolean everConnected;
    private boolean closed;
    private Duration reconnectDelay;
    private long reconnectTimer = LinkScope.NO_TIMER;
    private long openTimer = LinkScope.NO_TIMER;
    private String lossCondition = Condition.NONE;

    ConnectionSupervisor(LinkScope scope, AmqpClientOptions options, Listener listener) {
        this.scope = scope;
        AmqpClientOptions base = boundStraySockets(new AmqpClientOptions(options), scope.settings().openTimeout());
        List<AmqpUrl> urls = scope.settings().urls();
        this.endpoints = urls.size() < 2 ? List.of(base)
                : urls.stream().map(u -> new AmqpClientOptions(base).setHost(u.host()).setPort(u.port())).toList();
        this.options = endpoints.get(0);
        this.listener = listener;
        this.failureLog = new ConnectFailureLog(scope);
        this.reconnectDelay = scope.settings().reconnectInitialDelay();
    }

    void start() {
        endpoints.forEach(o -> clients.add(AmqpClient.create(scope.vertx(), o)));
        client = clients.get(0);
        connect();
    }

    /** The router tried now (or connected to), as host:port. */
    String endpoint() {
        return options.getHost() + ":" + options.getPort();
    }

    /** The open connection, or null. */
    ProtonConnection connection() {
        return connection;
    }

    boolean isOpen() {
        return connection != null && !connection.isDisconnected();
    }

    private void connect() {
        reconnectTimer = LinkScope.NO_TIMER;
        if (closed) {
            return;
        }
        long attempt = ++generation;
        openTimer = scope.timer(scope.settings().openTimeout(), () -> onOpenTimeout(attempt));
        client.connect(ar -> {
            if (attempt != generation || closed) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            openTimer = scope.cancel(openTimer);
            if (ar.failed()) {
                listener.connectFailed(Condition.of(ar.cause()));
                return;
            }
            amqpConnection = ar.result();
            connection = amqpConnection.unwrap();
            amqpConnection.exceptionHandler(failure -> onLost(attempt, failure));
            if (everConnected) {
                scope.stats().reconnects.incrementAndGet();
                scope.observer().reconnected(scope.channel(), lossCondition);
            }
            everConnected = true;
            reconnectDelay = scope.settings().reconnectInitialDelay();
            triedInRound = 0;
            String after = failureLog.connected();
            scope.stats().connectedTo(endpoint());
            Log.infof("%s connected to %s as container %s%s", scope.prefix(), endpoint(), connection.getContainer(), after);
            scope.observer().connected(scope.channel(), options.getHost(), options.getPort());
            listener.connected(connection);
        });
    }

    private void onOpenTimeout(long attempt) {
        openTimer = LinkScope.NO_TIMER;
        if (attempt != generation || closed) {
            return;
        }
        generation++; // an OPEN that still comes is closed at once
        listener.connectFailed(new Condition(Condition.OPEN_TIMEOUT,
                "no answer to SASL or OPEN within " + scope.settings().openTimeout().toMillis() + " ms"));
    }

    /**
     * The AMQP client gives no handle on a connect that never completes, so its socket cannot be closed
     * at the open timeout. A read-idle timeout on the socket closes it later: longer than the open
     * timeout plus twice the idle-time-out, it never fires on a live connection, whose peer must send
     * within the idle-time-out and is dropped by proton after twice it. Without heartbeats (idle-time-out
     * 0) silence is legitimate and a stray socket stays until the peer closes it.
     */
    private static AmqpClientOptions boundStraySockets(AmqpClientOptions options, Duration openTimeout) {
        if (options.getHeartbeat() > 0) {
            long bound = openTimeout.toMillis() + 2L * options.getHeartbeat();
            TimeUnit unit = options.getIdleTimeoutUnit(); // one unit for all three idle timeouts
            options.setIdleTimeout((int) unit.toMillis(options.getIdleTimeout()))
                    .setWriteIdleTimeout((int) unit.toMillis(options.getWriteIdleTimeout()))
                    .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                    .setReadIdleTimeout((int) Math.min(Integer.MAX_VALUE, bound));
        }
        return options;
    }

    private void onLost(long attempt, Throwable failure) {
        if (attempt != generation || closed) {
            return;
        }
        Condition condition = connection != null && connection.getRemoteCondition() != null
                && connection.getRemoteCondition().getCondition() != null
                        ? Condition.of(connection.getRemoteCondition())
                        : new Condition(Condition.CONNECTION_LOST, failure.getMessage());
        connection = null;
        amqpConnection = null;
        lossCondition = condition.name();
        listener.connectionLost(condition);
    }

    /** Whether the router just tried was the last of the round: every router of the list failed once. */
    boolean lastOfRound() {
        return triedInRound + 1 >= endpoints.size();
    }

    /**
     * Schedules the next connect: to the next router at once while the round lasts, else after the back-off
     * (jittered between half of it and all of it, so replicas do not return in step), which then doubles up
     * to the maximum.
     */
    void reconnectLater(String what, Condition condition) {
        String failed = endpoint();
        if (endpoints.size() > 1) {
            current = (current + 1) % endpoints.size();
            options = endpoints.get(current);
            client = clients.get(current);
            if (++triedInRound < endpoints.size()) {
                failureLog.failed(what + " at " + failed, condition, "trying " + endpoint() + " now");
                reconnectTimer = scope.timer(Duration.ofMillis(1), this::connect);
                return;
            }
            triedInRound = 0;
        }
        long full = reconnectDelay.toMillis();
        long delay = full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
        failureLog.failed(what + " at " + failed, condition, "reconnect to " + endpoint() + " in " + delay + " ms (at "
                + LinkScope.at(delay) + ")");
        Duration doubled = reconnectDelay.multipliedBy(2);
        Duration max = scope.settings().reconnectMaxDelay();
        reconnectDelay = doubled.compareTo(max) <= 0 ? doubled : max;
        reconnectTimer = scope.timer(Duration.ofMillis(delay), this::connect);
    }

    /** Stops reconnecting; nothing is closed yet. */
    void stopReconnecting() {
        closed = true;
        reconnectTimer = scope.cancel(reconnectTimer);
        openTimer = scope.cancel(openTimer);
    }

    /**
     * Closes the connection (if open) and the client. A peer that does not answer CLOSE (a hung broker)
     * gets {@code timeout}; then the socket is dropped and the returned future completes anyway.
     */
    Future<Void> close(Duration timeout) {
        stopReconnecting();
        generation++;
        AmqpConnection open = amqpConnection;
        ProtonConnection proton = connection;
        amqpConnection = null;
        connection = null;
        Promise<Void> closed = Promise.promise();
        long timer = scope.timer(timeout, () -> {
            Log.warnf("%s no answer to CLOSE within %d ms; dropping the connection", scope.prefix(), timeout.toMillis());
            if (proton != null) {
                proton.disconnect();
            }
            closed.tryComplete();
        });
        Future<Void> closing = open != null ? open.close().otherwiseEmpty() : Future.succeededFuture();
        closing.compose(v -> Future.join(clients.stream().map(c -> c.close().otherwiseEmpty()).toList())
                        .<Void>mapEmpty().otherwiseEmpty())
                .onComplete(ar -> {
                    scope.cancel(timer);
                    closed.tryComplete();
                });
        return closed.future();
    }
}
