package dk.gennemsyn.platform.events;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS to RabbitMQ (amqps) that verifies the broker: the JRE's trusted CAs plus, when given, the CA file of a private
 * PKI (PEM, as a Kubernetes secret mounts it). The client's own {@code useSslProtocol()} would trust any certificate.
 */
final class BrokerTls {

    private BrokerTls() {
    }

    static SSLContext context(String caFile) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            List<X509Certificate> trusted = new ArrayList<>();
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    trusted.addAll(List.of(x.getAcceptedIssuers()));
                }
            }
            if (caFile != null && !caFile.isBlank()) {
                try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trusted.add((X509Certificate) c);
                    }
                }
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            TrustManagerFactory withCa = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            withCa.init(store);
            SSLContext ssl = SSLContext.getInstance("TLSv1.3");
            ssl.init(null, withCa.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot set up TLS to RabbitMQ with CA file '" + caFile + "': " + e.getMessage(), e);
        }
    }
}
