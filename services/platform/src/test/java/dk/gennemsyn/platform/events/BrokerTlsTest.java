package dk.gennemsyn.platform.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** amqps verifies the broker: a certificate from a private CA is refused unless that CA's file is configured. */
class BrokerTlsTest {

    @TempDir Path dir;

    @Test
    void aBrokerCertificateIsTrustedOnlyThroughTheConfiguredCaFile() throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Path pem = dir.resolve("ca.crt");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-dname", "CN=rabbitmq", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "secret");
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", "secret",
                "-file", pem.toString());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext server = SSLContext.getInstance("TLSv1.3");
        server.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            CompletableFuture.runAsync(() -> {
                while (!listener.isClosed()) {
                    try (SSLSocket s = (SSLSocket) listener.accept()) {
                        s.startHandshake();
                        s.getInputStream().read();
                    } catch (Exception ignored) {
                        // The refused handshake ends here too.
                    }
                }
            });
            int port = listener.getLocalPort();
            assertThatThrownBy(() -> handshake(BrokerTls.context(""), port)).isInstanceOf(SSLHandshakeException.class);
            handshake(BrokerTls.context(pem.toString()), port);

            // The broker client as the services configure it: amqps verifies the certificate and the host name.
            assertThat(tlsFailure("amqps://u:p@127.0.0.1:" + port + "/%2F", "")).as("an unknown CA").isTrue();
            assertThat(tlsFailure("amqps://u:p@localhost:" + port + "/%2F", pem.toString()))
                    .as("a certificate for 127.0.0.1, reached as localhost").isTrue();
            assertThat(tlsFailure("amqps://u:p@127.0.0.1:" + port + "/%2F", pem.toString()))
                    .as("the configured CA and the right host: TLS succeeds (the AMQP handshake then fails)").isFalse();
        }
    }

    @Test
    void aCaFileWithAPlainAmqpUriIsRefused() {
        assertThatThrownBy(() -> new RabbitBroker("amqp://u:p@127.0.0.1:5672/%2F", "x", 5, "/etc/ca.crt"))
                .hasMessageContaining("not amqps://");
    }

    /** True when connecting fails in the TLS handshake (certificate or host name), false when it fails later. */
    static boolean tlsFailure(String uri, String caFile) {
        RabbitBroker broker = new RabbitBroker(uri, "tls-test", 5, caFile);
        try {
            broker.connection();
            return false;
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SSLHandshakeException) {
                    return true;
                }
            }
            return false;
        } finally {
            broker.close();
        }
    }

    static void handshake(SSLContext client, int port) throws Exception {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            var params = s.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(params);
            s.startHandshake();
            assertThat(s.getSession().getPeerPrincipal().getName()).isEqualTo("CN=rabbitmq");
        }
    }

    static void keytool(String... args) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var cmd = new java.util.ArrayList<String>();
        cmd.add(keytool);
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
