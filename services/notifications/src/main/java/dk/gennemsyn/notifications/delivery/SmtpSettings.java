package dk.gennemsyn.notifications.delivery;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Properties;

/** The SMTP server and sender, from configuration (environment variables in a deployment; no secret in a file). */
@Singleton
public class SmtpSettings {

    private final String host;
    private final int port;
    private final boolean starttls;
    private final String username;
    private final String password;
    private final String fromAddress;
    private final String fromName;
    private final Duration timeout;

    SmtpSettings(@Value("${gennemsyn.smtp.host:localhost}") String host,
                 @Value("${gennemsyn.smtp.port:25}") int port,
                 @Value("${gennemsyn.smtp.starttls:false}") boolean starttls,
                 @Value("${gennemsyn.smtp.username:}") String username,
                 @Value("${gennemsyn.smtp.password:}") String password,
                 @Value("${gennemsyn.smtp.from-address:noreply@gennemsyn.dk}") String fromAddress,
                 @Value("${gennemsyn.smtp.from-name:Gennemsyn}") String fromName,
                 @Value("${gennemsyn.smtp.timeout:10s}") Duration timeout) {
        this.host = host;
        this.port = port;
        this.starttls = starttls;
        this.username = username;
        this.password = password;
        this.fromAddress = fromAddress;
        this.fromName = fromName;
        this.timeout = timeout;
    }

    Properties sessionProperties() {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.auth", String.valueOf(!username.isEmpty()));
        // Required, not opportunistic: with STARTTLS on, a server that does not offer it is an error.
        p.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.put("mail.smtp.starttls.required", String.valueOf(starttls));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        String millis = String.valueOf(timeout.toMillis());
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        return p;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    String usernameOrNull() {
        return username.isEmpty() ? null : username;
    }

    String passwordOrNull() {
        return password.isEmpty() ? null : password;
    }

    public String fromAddress() {
        return fromAddress;
    }

    String fromName() {
        return fromName;
    }

    String messageIdDomain() {
        int at = fromAddress.indexOf('@');
        return at < 0 ? "gennemsyn" : fromAddress.substring(at + 1);
    }
}
