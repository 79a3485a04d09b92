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
                for (int i = 0; i < 2; i++) {
                    try (SSLSocket s = (SSLSocket) listener.accept()) {
                        s.startHandshake();
                    } catch (Exception ignored) {
                        // The refused handshake ends here too.
                    }
                }
            });
            assertThatThrownBy(() -> handshake(BrokerTls.context(""), listener.getLocalPort()))
                    .isInstanceOf(SSLHandshakeException.class);
            handshake(BrokerTls.context(pem.toString()), listener.getLocalPort());
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
