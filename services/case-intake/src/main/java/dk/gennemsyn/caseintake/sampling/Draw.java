package dk.gennemsyn.caseintake.sampling;

import dk.gennemsyn.platform.problem.ProblemException;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The sampling arithmetic, free of the database so it can be checked by hand. Each case in the frame gets a
 * key, SHA-256(seed ‖ case id); a sample of n takes the n smallest keys (per stratum when stratified). The result
 * depends only on the frame (as a set) and the seed: the same frame and seed always give the same sample, in any
 * order the frame is read, and anyone can recompute it from the protocol.
 */
public final class Draw {

    public record FrameCase(UUID id, String stratum) {
    }

    @io.micronaut.serde.annotation.Serdeable
    public record Allocation(String stratum, int frameCount, int sampleCount) {
    }

    public record Result(List<UUID> sample, List<Allocation> strata) {
    }

    private Draw() {
    }

    public static Result simple(List<FrameCase> frame, int size, long seed) {
        if (size > frame.size()) {
            throw ProblemException.invalid("size", "Stikprøven (" + size + ") er større end udvalgsrammen (" + frame.size()
                    + " sager).");
        }
        List<UUID> sample = smallest(frame, size, seed);
        return new Result(sample, List.of(new Allocation("alle", frame.size(), size)));
    }

    /** Proportional allocation by largest remainder, then the smallest keys within each stratum. */
    public static Result proportional(List<FrameCase> frame, int size, long seed) {
        if (size > frame.size()) {
            throw ProblemException.invalid("size", "Stikprøven (" + size + ") er større end udvalgsrammen (" + frame.size()
                    + " sager).");
        }
        Map<String, List<FrameCase>> strata = byStratum(frame);
        Map<String, Integer> alloc = new LinkedHashMap<>();
        Map<String, Double> remainder = new LinkedHashMap<>();
        int given = 0;
        for (var e : strata.entrySet()) {
            double exact = (double) size * e.getValue().size() / frame.size();
            int n = (int) Math.floor(exact);
            alloc.put(e.getKey(), n);
            remainder.put(e.getKey(), exact - n);
            given += n;
        }
        List<String> byRemainder = new ArrayList<>(strata.keySet());
        byRemainder.sort(Comparator.comparing((String s) -> -remainder.get(s)).thenComparing(s -> s));
        for (int i = 0; given < size; i++) {
            String s = byRemainder.get(i % byRemainder.size());
            if (alloc.get(s) < strata.get(s).size()) {
                alloc.merge(s, 1, Integer::sum);
                given++;
            }
        }
        return perStratum(strata, alloc, seed);
    }

    /** A fixed number per stratum (e.g. 10 anbringelser and 10 forebyggende sager). */
    public static Result fixed(List<FrameCase> frame, Map<String, Integer> wanted, long seed) {
        Map<String, List<FrameCase>> strata = byStratum(frame);
        Map<String, Integer> alloc = new LinkedHashMap<>();
        for (var e : new TreeMap<>(wanted).entrySet()) {
            int have = strata.getOrDefault(e.getKey(), List.of()).size();
            if (e.getValue() == null || e.getValue() < 0) {
                throw ProblemException.invalid("perStratum", "Antallet for '" + e.getKey() + "' skal være 0 eller mere.");
            }
            if (e.getValue() > have) {
                throw ProblemException.invalid("perStratum", "Gruppen '" + e.getKey() + "' har kun " + have
                        + " sager i udvalgsrammen, men der er bedt om " + e.getValue() + ".");
            }
            alloc.put(e.getKey(), e.getValue());
        }
        for (String s : strata.keySet()) {
            alloc.putIfAbsent(s, 0);
        }
        return perStratum(strata, alloc, seed);
    }

    private static Result perStratum(Map<String, List<FrameCase>> strata, Map<String, Integer> alloc, long seed) {
        List<UUID> sample = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        for (var e : new TreeMap<>(alloc).entrySet()) {
            List<FrameCase> cases = strata.getOrDefault(e.getKey(), List.of());
            sample.addAll(smallest(cases, e.getValue(), seed));
            allocations.add(new Allocation(e.getKey(), cases.size(), e.getValue()));
        }
        return new Result(sample, allocations);
    }

    private static Map<String, List<FrameCase>> byStratum(List<FrameCase> frame) {
        Map<String, List<FrameCase>> m = new TreeMap<>();
        for (FrameCase c : frame) {
            m.computeIfAbsent(c.stratum(), k -> new ArrayList<>()).add(c);
        }
        return m;
    }

    private static List<UUID> smallest(List<FrameCase> cases, int n, long seed) {
        record Keyed(long key, UUID id) {
        }
        MessageDigest sha = sha256();
        List<Keyed> keyed = new ArrayList<>(cases.size());
        for (FrameCase c : cases) {
            keyed.add(new Keyed(key(sha, seed, c.id()), c.id()));
        }
        keyed.sort(Comparator.comparing((Keyed k) -> k.key, Long::compareUnsigned).thenComparing(k -> k.id));
        return keyed.subList(0, n).stream().map(Keyed::id).toList();
    }

    static long key(MessageDigest sha, long seed, UUID id) {
        sha.reset();
        sha.update(ByteBuffer.allocate(24).putLong(seed).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    /** A digest of the frame as a set, stored in the protocol: the same digest means the same frame. */
    public static String frameDigest(List<FrameCase> frame) {
        MessageDigest sha = sha256();
        frame.stream().map(FrameCase::id).sorted().forEach(id -> sha.update(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array()));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
