package dk.gennemsyn.platform.web;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Dates and times as Danish pages show them (local time); in every page's model as {@code fmt}. */
public final class DanishFormat {

    public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    public static final DanishFormat INSTANCE = new DanishFormat();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(ZONE);

    private DanishFormat() {
    }

    public String date(@Nullable LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    public String time(@Nullable Instant i) {
        return i == null ? "" : TIME.format(i);
    }
}
