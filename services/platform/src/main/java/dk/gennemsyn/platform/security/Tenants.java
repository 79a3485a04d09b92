package dk.gennemsyn.platform.security;

import java.util.regex.Pattern;

/** A tenant is a municipality, keyed by its four-digit kommunekode (e.g. 0250 Halsnæs). */
public final class Tenants {

    private static final Pattern KOMMUNEKODE = Pattern.compile("\\d{4}");

    private Tenants() {
    }

    public static boolean isValid(String tenant) {
        return tenant != null && KOMMUNEKODE.matcher(tenant).matches();
    }

    public static String requireValid(String tenant) {
        if (!isValid(tenant)) {
            throw new IllegalArgumentException("A tenant is a four-digit kommunekode");
        }
        return tenant;
    }
}
