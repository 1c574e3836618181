package io.github.linkroute.publisher.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ActiveMQ Artemis broker process (the distribution the build unpacks from
 * org.apache.activemq:apache-artemis:bin), with login required and AMQP on a free loopback port.
 * One per test JVM; tests may kill -9 it and start it again on the same data.
 */
public final class ArtemisBroker {

    public static final String USER = "publisher";
    public static final String PASSWORD = "s3cret-test";
    /** The broker's user for the broker-side router, as in deploy/ (its password comes from a file there). */
    public static final String ROUTER_USER = "link-router";
    public static final String ROUTER_PASSWORD = "router-test-password";
    /** Addresses under this prefix are not auto-created: attaching to one is refused with amqp:not-found. */
    public static final String REFUSED_PREFIX = "refused.";

    // Quarkus loads test resources in a class loader per application restart, so what must outlive
    // one (the broker's instance, port and pid) is kept in system properties, not in static fields.
    private static final String INSTANCE_PROPERTY = "test.artemis.instance";
    private static final String PORT_PROPERTY = "test.artemis.amqp-port";
    private static final String PID_PROPERTY = "test.artemis.pid";
    private static final String TLS_PORT_PROPERTY = "test.artemis.amqps-port";
    /** Password of the generated key and trust stores. */
    public static final String STORE_PASSWORD = "changeit";

    private final Path home;
    private final Path instance;
    private final int amqpPort;
    private final int amqpsPort;

    private ArtemisBroker(Path home, Path instance, int amqpPort, int amqpsPort) {
        this.home = home;
        this.instance = instance;
        this.amqpPort = amqpPort;
        this.amqpsPort = amqpsPort;
    }

    /** The broker of this test JVM, created and started on first use. */
    public static ArtemisBroker shared() {
        synchronized (System.class) {
            Path home = Path.of(System.getProperty("artemis.home", "target/artemis-dist/apache-artemis-2.40.0"));
            String existing = System.getProperty(INSTANCE_PROPERTY);
            if (existing != null) {
                return new ArtemisBroker(home, Path.of(existing), Integer.parseInt(System.getProperty(PORT_PROPERTY)),
                        Integer.parseInt(System.getProperty(TLS_PORT_PROPERTY)));
            }
            try {
                Path instance = Path.of("target", "artemis-instance-" + ProcessHandle.current().pid()).toAbsolutePath();
                ArtemisBroker broker = new ArtemisBroker(home, instance, freePort(), freePort());
                broker.create(freePort(), freePort());
                broker.start();
                System.setProperty(INSTANCE_PROPERTY, instance.toString());
                System.setProperty(PORT_PROPERTY, String.valueOf(broker.amqpPort));
                System.setProperty(TLS_PORT_PROPERTY, String.valueOf(broker.amqpsPort));
                Runtime.getRuntime().addShutdownHook(new Thread(broker::kill));
                return broker;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start the Artemis broker: " + e, e);
            }
        }
    }

    public int amqpPort() {
        return amqpPort;
    }

    public String url() {
        return "amqp://127.0.0.1:" + amqpPort;
    }

    /** The TLS acceptor, with a certificate for 127.0.0.1 and localhost generated at creation. */
    public String tlsUrl() {
        return "amqps://127.0.0.1:" + amqpsPort;
    }

    /** PKCS12 trust store holding the broker's certificate. */
    public Path trustStore() {
        return instance.resolve("tls/trust.p12");
    }

    /** PEM of a certificate that did NOT sign the broker's: trusting only it must fail. */
    public Path wrongTrustPem() {
        return instance.resolve("tls/other.pem");
    }

    private void create(int corePort, int httpPort) throws IOException, InterruptedException {
        if (!Files.isExecutable(home.resolve("bin/artemis"))) {
            throw new IllegalStateException("no Artemis distribution at " + home + " (the build unpacks it)");
        }
        run(List.of(home.resolve("bin/artemis").toString(), "create", instance.toString(),
                "--user", USER, "--password", PASSWORD, "--require-login", "--silent", "--no-autotune",
                "--host", "127.0.0.1", "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                "--no-stomp-acceptor", "--no-mqtt-acceptor", "--no-hornetq-acceptor"), instance.resolveSibling(
                        instance.getFileName() + "-create.log"));
        Path keyStore = createCertificates();
        Path brokerXml = instance.resolve("etc/broker.xml");
        String xml = Files.readString(brokerXml)
                .replace(":61616", ":" + corePort)
                .replace(":5672", ":" + amqpPort)
                .replace("</acceptors>", "<acceptor name=\"amqps\">tcp://127.0.0.1:" + amqpsPort
                        + "?protocols=AMQP;sslEnabled=true;keyStoreType=PKCS12;keyStorePath=" + keyStore
                        + ";keyStorePassword=" + STORE_PASSWORD + ";amqpDuplicateDetection=true</acceptor></acceptors>")
                .replace("</address-settings>", "<address-setting match=\"" + REFUSED_PREFIX + "#\">"
                        + "<auto-create-addresses>false</auto-create-addresses>"
                        + "<auto-create-queues>false</auto-create-queues></address-setting></address-settings>");
        Files.writeString(brokerXml, xml);
        // a second user, as the manifests have one for the routers (plain text: the login module takes both)
        Files.writeString(instance.resolve("etc/artemis-users.properties"), "\n" + ROUTER_USER + " = " + ROUTER_PASSWORD + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path roles = instance.resolve("etc/artemis-roles.properties");
        Files.writeString(roles, Files.readString(roles).replace("amq = " + USER, "amq = " + USER + "," + ROUTER_USER));
    }

    /** The broker's key pair, a trust store for it, and an unrelated certificate, made with the JDK's keytool. */
    private Path createCertificates() throws IOException, InterruptedException {
        Path tls = Files.createDirectories(instance.resolve("tls"));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path log = tls.resolve("keytool.log");
        for (String alias : List.of("broker", "other")) {
            run(List.of(keytool, "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=" + alias, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", tls.resolve(alias + ".p12").toString(), "-storetype", "PKCS12",
                    "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD), log);
            run(List.of(keytool, "-exportcert", "-rfc", "-alias", alias, "-keystore", tls.resolve(alias + ".p12").toString(),
                    "-storepass", STORE_PASSWORD, "-file", tls.resolve(alias + ".pem").toString()), log);
        }
        run(List.of(keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", tls.resolve("broker.pem").toString(),
                "-keystore", trustStore().toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD), log);
        return tls.resolve("broker.p12");
    }

    /** Starts the broker and waits until its AMQP port accepts connections. */
    public void start() {
        try {
            Process process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("log/console.log").toFile()))
                    .start();
            System.setProperty(PID_PROPERTY, String.valueOf(process.pid()));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> accepting() || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("Artemis exited before opening port " + amqpPort + "; see "
                        + instance.resolve("log/console.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start Artemis: " + e, e);
        }
    }

    /** Starts the broker unless its AMQP port already accepts connections. */
    public void ensureRunning() {
        if (!accepting()) {
            start();
        }
    }

    /** kill -9: no shutdown, the journal as the crash left it. */
    public void kill() {
        String pid = System.getProperty(PID_PROPERTY);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Artemis (pid " + pid + ") did not die: " + e, e);
            }
        });
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", amqpPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process create = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!create.waitFor(180, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed; see " + log);
        }
    }

    private static int freePort() {
        return RouterNetwork.freePort();
    }
}
