package dk.gennemsyn.assessment.instruments;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.JsonColumns;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.proto.assessment.v1.AnswerOption;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import dk.gennemsyn.proto.assessment.v1.InstrumentQuestion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Versioned instruments per tenant: the shipped defaults, copies into new versions, drafts, publishing. */
@Singleton
public class Instruments {

    public static final List<String> EDITORS = List.of(Roles.PROJEKTLEDER, Roles.TENANT_ADMIN);

    @Serdeable
    public record Instrument(UUID id, UUID family, int version, String name, String description, String status,
                             Definition definition, @Nullable UUID basedOn, boolean shipped, long lockVersion,
                             Instant createdAt, String createdBy, @Nullable Instant publishedAt) {

        public boolean published() {
            return "published".equals(status);
        }
    }

    private final InstrumentRows rows;
    private final TenantTx tenantTx;
    private final JsonColumns json;
    private final Outbox outbox;

    Instruments(InstrumentRows rows, TenantTx tenantTx, JsonColumns json, Outbox outbox) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.json = json;
        this.outbox = outbox;
    }

    public List<Instrument> list(Caller caller) {
        return tenantTx.write(caller.tenant(), () -> {
            ensureShipped(caller.tenant());
            return rows.inOrder().stream().map(this::view).toList();
        });
    }

    public Instrument get(Caller caller, UUID id) {
        return tenantTx.write(caller.tenant(), () -> {
            ensureShipped(caller.tenant());
            return find(id);
        });
    }

    /** Inside TenantTx: the version an assessment is made with. */
    public Instrument find(UUID id) {
        return rows.findById(id).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("Instrumentet findes ikke."));
    }

    /** A new draft version in the same family, with the same content, to edit and publish. */
    public Instrument copy(Caller caller, UUID id) {
        requireEditor(caller);
        return tenantTx.write(caller.tenant(), () -> {
            ensureShipped(caller.tenant());
            Instrument from = find(id);
            if (!from.published()) {
                throw new ProblemException(HttpStatus.CONFLICT, "draft",
                        "Kun offentliggjorte versioner kan kopieres; ret kladden direkte.", null);
            }
            tenantTx.lockScope("instrument-version:" + from.family());
            UUID newId = UUID.randomUUID();
            rows.addDraft(newId, caller.tenant(), from.family(), rows.nextVersion(from.family()), from.name(),
                    from.description(), write(from.definition()), from.id(), caller.userId());
            return find(newId);
        });
    }

    /** Only a draft changes; a published version is immutable (409, and the database refuses it too). */
    public Instrument update(Caller caller, UUID id, long ifMatch, String name, @Nullable String description,
                             Definition definition) {
        requireEditor(caller);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.invalid("name", "Giv instrumentet et navn (højst 200 tegn).");
        }
        if (CprGuard.containsCpr(name)) {
            throw ProblemException.cpr("name");
        }
        if (description != null && CprGuard.containsCpr(description)) {
            throw ProblemException.cpr("description");
        }
        definition.validated();
        return tenantTx.write(caller.tenant(), () -> {
            Instrument current = find(id);
            requireDraft(current);
            if (rows.change(id, ifMatch, name.strip(), description == null ? "" : description.strip(),
                    write(definition)) == 0) {
                throw stale();
            }
            return find(id);
        });
    }

    public Instrument publish(Caller caller, UUID id, long ifMatch) {
        requireEditor(caller);
        return tenantTx.write(caller.tenant(), () -> {
            Instrument current = find(id);
            requireDraft(current);
            current.definition().validated();
            if (rows.publish(id, ifMatch) == 0) {
                throw stale();
            }
            published(caller.tenant(), id, current.name(), current.version(), current.definition());
            return find(id);
        });
    }

    /** Carries the questions with their answer labels, so reports can name what was answered. */
    private void published(String tenant, UUID id, String name, int version, Definition definition) {
        InstrumentPublished.Builder e = InstrumentPublished.newBuilder().setInstrumentId(id.toString()).setName(name)
                .setVersion(version);
        for (Definition.Section section : definition.sections()) {
            for (Definition.Question q : section.questions()) {
                InstrumentQuestion.Builder b = InstrumentQuestion.newBuilder().setQuestionId(q.id())
                        .setSection(section.title()).setText(q.text()).setType(q.type());
                q.kind().options(q.steps()).forEach((code, label) ->
                        b.addOptions(AnswerOption.newBuilder().setCode(code).setLabel(label)));
                e.addQuestions(b);
            }
        }
        outbox.append(tenant, id.toString(), e.build());
    }

    /** A draft nobody assesses with yet may be thrown away. */
    public void deleteDraft(Caller caller, UUID id) {
        requireEditor(caller);
        tenantTx.write(caller.tenant(), () -> {
            requireDraft(find(id));
            rows.deleteById(id);
        });
    }

    private static void requireEditor(Caller caller) {
        if (!caller.hasAnyRole(EDITORS)) {
            throw Access.forbidden();
        }
    }

    private static void requireDraft(Instrument i) {
        if (i.published()) {
            throw new ProblemException(HttpStatus.CONFLICT, "published",
                    "Version " + i.version() + " er offentliggjort og kan ikke ændres. Kopiér den til en ny version.",
                    null);
        }
    }

    private static ProblemException stale() {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale",
                "Instrumentet er ændret af en anden i mellemtiden. Hent det igen.", null);
    }

    /**
     * Inside TenantTx: the shipped defaults exist in every tenant, under ids derived from tenant and key. Seeding
     * them publishes them, so case-intake can offer them for a review.
     */
    public void ensureShipped(String tenant) {
        for (ShippedInstruments.Shipped s : ShippedInstruments.ALL) {
            UUID id = shippedId(tenant, s.key(), 1);
            if (rows.seed(id, tenant, shippedId(tenant, s.key(), 0), s.name(), s.description(),
                    write(s.definition())) > 0) {
                published(tenant, id, s.name(), 1, s.definition());
            }
        }
    }

    /** Version 0 is the family id. */
    public static UUID shippedId(String tenant, String key, int version) {
        return UUID.nameUUIDFromBytes(("gennemsyn-instrument:" + tenant + ":" + key + ":" + version)
                .getBytes(StandardCharsets.UTF_8));
    }

    private Instrument view(InstrumentRow r) {
        return new Instrument(r.id(), r.family(), r.version(), r.name(), r.description(), r.status(),
                read(r.definition()), r.basedOn(), r.shipped(), r.lockVersion(), r.createdAt(), r.createdBy(),
                r.publishedAt());
    }

    private String write(Definition d) {
        return json.write(d);
    }

    private Definition read(String s) {
        return json.read(s, Definition.class);
    }
}
