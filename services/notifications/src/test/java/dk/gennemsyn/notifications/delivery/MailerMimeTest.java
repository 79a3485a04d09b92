package dk.gennemsyn.notifications.delivery;

import dk.gennemsyn.notifications.NotificationsTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Building and writing an e-mail does not search the class path for Jakarta Mail's StreamProvider. Jakarta Mail 2.1
 * runs a ServiceLoader for every multipart, header block and encoded part unless the provider is named
 * (jakartaee/mail-api#861); in the shaded jar that was a third of this service's CPU while mail flowed.
 */
@MicronautTest(transactional = false)
class MailerMimeTest extends NotificationsTest {

    @Inject Mailer mailer;

    /** Counts the service-file look-ups a ServiceLoader makes through it. */
    static final class CountingLoader extends ClassLoader {
        final AtomicInteger mailServiceLookups = new AtomicInteger();

        CountingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.startsWith("META-INF/services/jakarta.mail")) {
                mailServiceLookups.incrementAndGet();
            }
            return super.getResources(name);
        }
    }

    @Test
    void aMessageIsBuiltAndWrittenWithoutAServiceLoaderScan() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        CountingLoader counting = new CountingLoader(original);
        thread.setContextClassLoader(counting); // Jakarta Mail's FactoryFinder asks the context loader first
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MimeMessage message = mailer.message(new Mailer.Row(UUID.randomUUID(), "rev@konsulent.example",
                    "Ny sag: Sag 7", "Du er tildelt Sag 7 — æøå.", "https://gennemsyn.example/assessment",
                    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n", 0));
            message.writeTo(out);
        } finally {
            thread.setContextClassLoader(original);
        }
        String written = out.toString(StandardCharsets.US_ASCII);
        assertThat(written).contains("Subject:", "multipart/mixed", "text/calendar", "invitation.ics");
        assertThat(counting.mailServiceLookups.get()).as("ServiceLoader scans for Jakarta Mail's providers").isZero();
    }
}
