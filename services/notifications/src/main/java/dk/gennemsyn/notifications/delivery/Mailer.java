package dk.gennemsyn.notifications.delivery;

import dk.gennemsyn.notifications.rules.Templates;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends the pending e-mails over SMTP. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and marked sent in the
 * same transaction after the server accepted each message, so a crash before the commit leaves them pending (nothing
 * lost) and another instance never takes the same rows. Resending after such a crash keeps the Message-ID, which is
 * the delivery's id: the one duplicate a crash between the server's "250 OK" and our commit can cause is recognisable
 * as the same message. Failures are retried with backoff until {@code max-attempts}; the server refusing the address
 * is final at once. Woken when a delivery is committed (an urgent concern goes out within the second); otherwise it
 * looks every {@code poll-interval} for retries that are due.
 * <p>Hand SQL, not a repository: a work queue claimed with {@code FOR UPDATE SKIP LOCKED} and settled in
 * the claiming transaction (the sent ones in one statement per batch, failures row by row), like the outbox relay.
 */
@Singleton
public class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks up its StreamProvider with a ServiceLoader for every multipart, header block and
        // encoded part (jakartaee/mail-api#861): a scan of this shaded jar's META-INF/services, a third of this
        // service's CPU while mail flowed. Named here, FactoryFinder loads the class and skips the scan.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    record Row(UUID id, String address, String subject, String body, String link, String calendar, int attempts) {
    }

    private final TenantTx tenantTx;
    private final KnownTenants tenants;
    private final Clock clock;
    private final SmtpSettings smtp;
    private final Duration pollInterval;
    private final Duration retryBase;
    private final int maxAttempts;
    private final int batchSize;
    private final Session session;
    private final BlockingQueue<String> woken = new LinkedBlockingQueue<>();
    private final Counter sent;
    private final Counter failed;
    private volatile boolean running;
    private Thread worker;
    // The SMTP connection, kept open while mail flows and closed after a quiet poll interval: a connection per batch
    // made the server set up a session (and, with STARTTLS, a TLS handshake) for every few mails. Mailer thread only.
    private Transport open;
    private boolean usedSinceLastPoll;

    Mailer(TenantTx tenantTx, KnownTenants tenants, Clock clock, SmtpSettings smtp, MeterRegistry metrics,
           @Value("${gennemsyn.mail.poll-interval:2s}") Duration pollInterval,
           @Value("${gennemsyn.mail.retry-base:5s}") Duration retryBase,
           @Value("${gennemsyn.mail.max-attempts:12}") int maxAttempts,
           @Value("${gennemsyn.mail.batch-size:50}") int batchSize) {
        this.tenantTx = tenantTx;
        this.tenants = tenants;
        this.clock = clock;
        this.smtp = smtp;
        this.pollInterval = pollInterval;
        this.retryBase = retryBase;
        this.maxAttempts = maxAttempts;
        this.batchSize = batchSize;
        this.session = Session.getInstance(smtp.sessionProperties());
        this.sent = Counter.builder("gennemsyn.mail.sent").description("E-mails accepted by the SMTP server").register(metrics);
        this.failed = Counter.builder("gennemsyn.mail.failed").description("E-mail attempts that failed").register(metrics);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        running = true;
        worker = new Thread(this::loop, "mailer");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** A delivery for the tenant was committed: send it now. */
    public void wake(String tenant) {
        woken.add(tenant);
    }

    private void loop() {
        while (running) {
            try {
                String tenant = woken.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (tenant != null) {
                    java.util.Set<String> now = new java.util.LinkedHashSet<>();
                    now.add(tenant);
                    woken.drainTo(now);
                    now.forEach(this::drain);
                } else {
                    tenants.all().forEach(this::drain);
                    if (!usedSinceLastPoll) {
                        disconnect();
                    }
                    usedSinceLastPoll = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.warn("mailer pass failed; tried again next round: {}", e.toString());
            }
        }
        disconnect();
    }

    /** The open connection, checked with a NOOP once per batch (the server may have closed it), or a new one. */
    private Transport connected() throws MessagingException {
        if (open != null && open.isConnected()) {
            return open;
        }
        disconnect();
        Transport t = session.getTransport("smtp");
        t.connect(smtp.host(), smtp.port(), smtp.usernameOrNull(), smtp.passwordOrNull());
        open = t;
        return t;
    }

    private void disconnect() {
        close(open);
        open = null;
    }

    /** Sends what is due for the tenant, batch after batch; returns how many were accepted. */
    public int drain(String tenant) {
        int total = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int[] result = sendDue(tenant);
            total += result[0];
            if (result[1] < batchSize || result[0] == 0) {
                break;
            }
        }
        return total;
    }

    /** One batch in one transaction: {accepted, claimed}. */
    int[] sendDue(String tenant) {
        return tenantTx.write(tenant, () -> {
            List<Row> rows = tenantTx.query("""
                    select id, address, subject, body, link, calendar, attempts from deliveries
                    where channel = 'email' and state in ('pending', 'retrying') and next_attempt_at <= ?
                    order by urgent desc, next_attempt_at limit ? for update skip locked""",
                    rs -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7)),
                    clock.instant(), batchSize);
            if (rows.isEmpty()) {
                return new int[]{0, 0};
            }
            List<UUID> accepted = new java.util.ArrayList<>();
            usedSinceLastPoll = true;
            try {
                Transport transport = connected();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    try {
                        MimeMessage message = message(row);
                        transport.sendMessage(message, message.getAllRecipients());
                        accepted.add(row.id());
                        sent.increment();
                    } catch (SendFailedException e) {
                        // The server refused the address: trying again will not help.
                        fail(row, e, true);
                    } catch (MessagingException | UnsupportedEncodingException e) {
                        fail(row, e, false);
                        if (!transport.isConnected()) {
                            disconnect();
                            rows.subList(i + 1, rows.size()).forEach(r -> fail(r, e, false));
                            break;
                        }
                    }
                }
            } catch (MessagingException e) {
                LOG.warn("SMTP server {}:{} not reachable: {}", smtp.host(), smtp.port(), e.toString());
                disconnect();
                rows.forEach(r -> fail(r, e, false));
            } catch (RuntimeException e) {
                disconnect(); // the batch rolls back; start the next one on a clean session
                throw e;
            }
            // One statement for the batch, in the claiming transaction: a crash before the commit still leaves them
            // pending (resent with the same Message-ID).
            if (!accepted.isEmpty()) {
                tenantTx.update("update deliveries set state = 'sent', attempts = attempts + 1, sent_at = ?, "
                        + "last_error = null where id = any(?::uuid[])", clock.instant(),
                        accepted.stream().map(UUID::toString).toArray(String[]::new));
            }
            return new int[]{accepted.size(), rows.size()};
        });
    }

    private void fail(Row row, Exception e, boolean permanent) {
        failed.increment();
        int attempts = row.attempts() + 1;
        boolean last = permanent || attempts >= maxAttempts;
        String error = String.valueOf(e.getMessage());
        tenantTx.update("update deliveries set state = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?",
                last ? "failed" : "retrying", attempts, clock.instant().plus(backoff(attempts)),
                error.length() > 300 ? error.substring(0, 300) : error, row.id());
    }

    /** retry-base × 2^(n-1), at most 30 minutes. */
    Duration backoff(int attempts) {
        long millis = retryBase.toMillis() << Math.min(attempts - 1, 20);
        return Duration.ofMillis(Math.min(millis, Duration.ofMinutes(30).toMillis()));
    }

    MimeMessage message(Row row) throws MessagingException, UnsupportedEncodingException {
        String messageId = "<" + row.id() + "@" + smtp.messageIdDomain() + ">";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(smtp.fromAddress(), smtp.fromName(), "UTF-8"));
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, new Address[]{new InternetAddress(row.address(), true)});
        m.setSubject(row.subject(), "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(row.body(), "UTF-8", "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(Templates.html(row.body(), row.link()), "UTF-8", "html");
        alternative.addBodyPart(html);
        if (row.calendar() != null) {
            // iMIP (RFC 6047): the invitation itself, which calendar clients act on.
            String method = row.calendar().contains("METHOD:CANCEL") ? "CANCEL" : "REQUEST";
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setContent(row.calendar(), "text/calendar; charset=UTF-8; method=" + method);
            calendar.setHeader("Content-Type", "text/calendar; charset=UTF-8; method=" + method);
            alternative.addBodyPart(calendar);
            // The same invitation as a file, for mail programs that do not act on the calendar part.
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            MimeBodyPart file = new MimeBodyPart();
            file.setContent(row.calendar(), "text/calendar; charset=UTF-8; method=" + method);
            file.setHeader("Content-Type", "text/calendar; charset=UTF-8; method=" + method + "; name=\"invitation.ics\"");
            file.setFileName("invitation.ics");
            file.setDisposition(jakarta.mail.Part.ATTACHMENT);
            mixed.addBodyPart(file);
            m.setContent(mixed);
            m.saveChanges();
            return m;
        }
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    private static void close(Transport t) {
        try {
            if (t != null && t.isConnected()) {
                t.close();
            }
        } catch (MessagingException e) {
            LOG.debug("closing SMTP connection: {}", e.toString());
        }
    }
}
