package dk.gennemsyn.caseintake.cases;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The municipality's own case number, stored only encrypted and as a keyed hash.
 * <p>
 * Keys come from secrets: {@code gennemsyn.case-numbers.keys} ("1:base64,2:base64", 32 random bytes each),
 * the version new values are encrypted with ({@code current-key}), and a separate look-up secret. Each
 * tenant gets its own AES-256 key per version and its own HMAC key, derived with HMAC-SHA256 from the
 * secret and the tenant code, so one municipality's ciphertexts and hashes say nothing about another's.
 * Rotation: add a key version, make it current, and re-encrypt ({@link Cases#rotateCaseNumbers}). The
 * look-up key is not rotated with it (it would change every hash); rotating it means re-hashing.
 */
@Singleton
public class CaseNumbers {

    /** Longest case number accepted: case systems use short identifiers. */
    public static final int MAX_LENGTH = 60;
    private static final int NONCE = 12;

    private final Map<Integer, byte[]> secrets = new HashMap<>();
    private final int current;
    private final byte[] lookupSecret;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> derived = new ConcurrentHashMap<>();

    CaseNumbers(@Value("${gennemsyn.case-numbers.keys:}") String keys,
                @Value("${gennemsyn.case-numbers.current-key:1}") int current,
                @Value("${gennemsyn.case-numbers.lookup-secret:}") String lookupSecret) {
        for (String entry : keys.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.trim().split(":", 2);
            secrets.put(Integer.parseInt(kv[0].trim()), decode32(kv[1].trim(), "gennemsyn.case-numbers.keys"));
        }
        if (!secrets.containsKey(current)) {
            throw new IllegalStateException("gennemsyn.case-numbers.keys has no key version " + current
                    + " (the current-key): case numbers cannot be stored without it");
        }
        this.current = current;
        this.lookupSecret = decode32(lookupSecret, "gennemsyn.case-numbers.lookup-secret");
    }

    private static byte[] decode32(String base64, String name) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64");
        }
        if (b.length < 32) {
            throw new IllegalStateException(name + " must hold at least 32 random bytes (base64)");
        }
        return b;
    }

    public int currentKey() {
        return current;
    }

    /** Case numbers are compared trimmed, whitespace collapsed, case-insensitively. */
    public static String normalise(String caseNumber) {
        return caseNumber.trim().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
    }

    /** The keyed hash used to find and de-duplicate a case by its number. */
    public byte[] hash(String tenant, String caseNumber) {
        return hmac(key("lookup", tenant, 0), normalise(caseNumber).getBytes(StandardCharsets.UTF_8));
    }

    /** A keyed hash for other identifiers that must not be stored (caseworker names behind pseudonyms). */
    public byte[] hashOther(String tenant, String kind, String value) {
        return hmac(key("lookup", tenant, 0), (kind + "\u0000" + normalise(value)).getBytes(StandardCharsets.UTF_8));
    }

    /** nonce ‖ AES-GCM ciphertext, bound to the tenant (associated data). */
    public byte[] encrypt(String tenant, String caseNumber) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key("enc", tenant, current), new GCMParameterSpec(128, nonce));
            c.updateAAD(tenant.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(caseNumber.trim().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Case number encryption failed", e);
        }
    }

    public String decrypt(String tenant, int keyVersion, byte[] stored) {
        if (!secrets.containsKey(keyVersion)) {
            throw new IllegalStateException("Case number key version " + keyVersion + " is not configured");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key("enc", tenant, keyVersion), new GCMParameterSpec(128, stored, 0, NONCE));
            c.updateAAD(tenant.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(stored, NONCE, stored.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Case number could not be decrypted (wrong key or tampered)", e);
        }
    }

    private SecretKeySpec key(String use, String tenant, int version) {
        return derived.computeIfAbsent(use + "/" + version + "/" + tenant, k -> {
            byte[] secret = use.equals("lookup") ? lookupSecret : secrets.get(version);
            byte[] okm = hmac(new SecretKeySpec(secret, "HmacSHA256"),
                    ("gennemsyn case number " + use + "\u0000" + tenant).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(okm, use.equals("lookup") ? "HmacSHA256" : "AES");
        });
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
