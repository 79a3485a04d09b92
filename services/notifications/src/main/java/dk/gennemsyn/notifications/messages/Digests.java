package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.notifications.delivery.Deliveries;
import dk.gennemsyn.notifications.messages.MessageRows.Pending;
import dk.gennemsyn.notifications.reviews.ReviewCopies;
import dk.gennemsyn.notifications.rules.Templates;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bundles the non-urgent e-mails of people who asked for a daily or weekly digest: one e-mail per person and period,
 * sent from {@code hour} o'clock (weekly: on Mondays). Someone who switched back to "at once" gets what was waiting
 * on the next pass.
 */
@Singleton
public class Digests {

    private static final Logger LOG = LoggerFactory.getLogger(Digests.class);

    private final MessageRows messages;
    private final TenantTx tenantTx;
    private final Preferences preferences;
    private final ReviewCopies reviews;
    private final Templates templates;
    private final Deliveries deliveries;
    private final KnownTenants tenants;
    private final Clock clock;
    private final int hour;
    private final String inboxUrl;

    Digests(MessageRows messages, TenantTx tenantTx, Preferences preferences, ReviewCopies reviews, Templates templates, Deliveries deliveries, KnownTenants tenants,
            Clock clock, @Value("${gennemsyn.digest.hour:7}") int hour,
            @Value("${gennemsyn.public-url:`http://localhost:8080`}") String publicUrl) {
        this.messages = messages;
        this.tenantTx = tenantTx;
        this.preferences = preferences;
        this.reviews = reviews;
        this.templates = templates;
        this.deliveries = deliveries;
        this.tenants = tenants;
        this.clock = clock;
        this.hour = hour;
        this.inboxUrl = publicUrl.replaceAll("/$", "") + "/notifications/";
    }

    @Scheduled(fixedDelay = "${gennemsyn.digest.interval:5m}", initialDelay = "${gennemsyn.digest.initial-delay:1m}")
    void tick() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(dk.gennemsyn.platform.web.DanishFormat.ZONE));
        for (String tenant : tenants.all()) {
            try {
                run(tenant, now);
            } catch (RuntimeException e) {
                LOG.warn("digest pass failed; tried again next round", e);
            }
        }
    }

    /** The digests due at {@code now} (Danish time) for the tenant; returns how many were made. */
    public int run(String tenant, ZonedDateTime now) {
        return tenantTx.write(tenant, () -> {
            Map<String, List<Pending>> byRecipient = new LinkedHashMap<>();
            for (Pending p : messages.pendingDigest()) {
                byRecipient.computeIfAbsent(p.recipient(), k -> new java.util.ArrayList<>()).add(p);
            }
            int made = 0;
            for (var entry : byRecipient.entrySet()) {
                String period = period(preferences.load(entry.getKey()).digest(), now, entry.getValue().get(0).createdAt());
                if (period != null && send(tenant, entry.getKey(), period, entry.getValue())) {
                    made++;
                }
            }
            return made;
        });
    }

    /** The period a digest due now belongs to, or null if none is due. */
    String period(String digest, ZonedDateTime now, Instant oldest) {
        boolean afterHour = now.getHour() >= hour;
        return switch (digest) {
            case "daily" -> afterHour ? "d" + now.toLocalDate() : null;
            // Mondays; or whenever something has waited over a week (the service was down on Monday).
            case "weekly" -> (now.getDayOfWeek() == DayOfWeek.MONDAY && afterHour)
                    || Duration.between(oldest, now.toInstant()).toDays() >= 7
                    ? "w" + now.get(IsoFields.WEEK_BASED_YEAR) + "-" + now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) : null;
            default -> "now" + now.toInstant().toEpochMilli(); // switched back to "at once"
        };
    }

    private boolean send(String tenant, String recipient, String period, List<Pending> waiting) {
        String key = "digest:" + recipient + ":" + period;
        if (deliveries.exists(key)) {
            return false; // this period's digest went out; the rest waits for the next
        }
        StringBuilder items = new StringBuilder();
        for (Pending p : waiting) {
            items.append("· ").append(p.subject()).append('\n').append("  ").append(p.link() == null ? "" : p.link()).append('\n');
        }
        int n = waiting.size();
        Map<String, String> values = Map.of("recipient_name", waiting.get(0).recipientName(), "count", String.valueOf(n),
                "count_text", n == 1 ? "1 ny besked" : n + " nye beskeder", "items", items.toString().stripTrailing(),
                "link", inboxUrl);
        Templates.Rendered text = templates.render("digest", values);
        String address = reviews.address(recipient).orElse(null);
        deliveries.email(tenant, new Deliveries.Email(key, null, recipient, address, "digest", "digest", text.subject(),
                text.body(), inboxUrl, null, false));
        messages.digested(waiting.stream().map(Pending::id).toList());
        return true;
    }
}
