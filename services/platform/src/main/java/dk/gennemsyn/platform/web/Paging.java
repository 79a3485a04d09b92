package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.problem.ProblemException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;

/** One paging contract for every list in every service: {@code ?page=0&size=50}, at most 200 per page. */
public final class Paging {

    public static final int MAX_SIZE = 200;

    /** A page of a list, with the total so clients and pages can show "21-40 af 57". */
    @Serdeable
    public record Page<T>(List<T> items, int page, int size, long total) {

        public <R> Page<R> map(Function<T, R> f) {
            return new Page<>(items.stream().map(f).toList(), page, size, total);
        }
    }

    private Paging() {
    }

    /** Validated paging for a repository; bad values are a 400 naming the parameter. */
    public static Pageable of(int page, int size, Sort sort) {
        if (page < 0) {
            throw ProblemException.invalid("page", "Sidenummeret skal være 0 eller større.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalid("size", "Sidestørrelsen skal være mellem 1 og " + MAX_SIZE + ".");
        }
        return Pageable.from(page, size, sort);
    }

    public static <T> Page<T> from(io.micronaut.data.model.Page<T> page) {
        return new Page<>(page.getContent(), page.getPageNumber(), page.getSize(), page.getTotalSize());
    }
}
