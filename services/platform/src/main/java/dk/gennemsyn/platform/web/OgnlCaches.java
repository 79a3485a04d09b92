package dk.gennemsyn.platform.web;

import ognl.AbstractMemberAccess;
import ognl.MemberAccess;
import ognl.OgnlRuntime;
import ognl.enhance.ExpressionCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two answers that OGNL (Thymeleaf's expression language) works out afresh for every method call of every expression,
 * though each depends only on a class, kept per class instead (docs/benchmarks.md, "API under load", 2026-12-08):
 * <ul>
 *   <li>the "interface class" of each object along a property chain ({@code Class.getInterfaces()} up the class
 *   hierarchy, arrays copied each time);</li>
 *   <li>Thymeleaf's check that a template may call a member of a type (a stream over its blocked packages and a
 *   case-insensitive compare of names). The decision stays Thymeleaf's: the first call of a member on a class asks it,
 *   a refusal still throws, and only its answer is kept.</li>
 * </ul>
 * Together they made the reporting overview page render in 29 % less time. Thymeleaf keeps its member access in a
 * private static field, so it is replaced by reflection; if a later Thymeleaf renames it, pages still render, only
 * slower, and {@code OgnlCachesTest} fails.
 */
public final class OgnlCaches {

    private static final Logger LOG = LoggerFactory.getLogger(OgnlCaches.class);
    private static final String EVALUATOR = "org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator";

    private OgnlCaches() {
    }

    /** Installs both caches for this JVM (idempotent); false if Thymeleaf's member access could not be wrapped. */
    public static synchronized boolean install() {
        if (!(OgnlRuntime.getCompiler() instanceof CachingCompiler)) {
            OgnlRuntime.setCompiler(new CachingCompiler());
        }
        try {
            Field field = memberAccessField();
            if (!(field.get(null) instanceof CachingMemberAccess)) {
                field.set(null, new CachingMemberAccess((MemberAccess) field.get(null)));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Thymeleaf's member access is not cached (pages render slower): {}", e.toString());
            return false;
        }
    }

    /** Thymeleaf's member access as it is now (for tests). */
    static MemberAccess memberAccess() throws ReflectiveOperationException {
        return (MemberAccess) memberAccessField().get(null);
    }

    private static Field memberAccessField() throws ReflectiveOperationException {
        // Class.forName initialises the evaluator, whose static initialiser sets the field: set ours after it.
        Field field = Class.forName(EVALUATOR, true, OgnlCaches.class.getClassLoader())
                .getDeclaredField("MEMBER_ACCESS");
        field.setAccessible(true);
        return field;
    }

    static final class CachingCompiler extends ExpressionCompiler {

        private final ClassValue<Class<?>> interfaceClasses = new ClassValue<>() {
            @Override
            protected Class<?> computeValue(Class<?> type) {
                return CachingCompiler.super.getInterfaceClass(type);
            }
        };

        @Override
        @SuppressWarnings("rawtypes")
        public Class getInterfaceClass(Class clazz) {
            return interfaceClasses.get(clazz);
        }
    }

    static final class CachingMemberAccess extends AbstractMemberAccess {

        private final MemberAccess thymeleaf;
        private final ClassValue<Map<Member, Boolean>> decided = new ClassValue<>() {
            @Override
            protected Map<Member, Boolean> computeValue(Class<?> type) {
                return new ConcurrentHashMap<>();
            }
        };

        CachingMemberAccess(MemberAccess thymeleaf) {
            this.thymeleaf = thymeleaf;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isAccessible(Map context, Object target, Member member, String propertyName) {
            // Thymeleaf decides by the target's class and the member's name; static calls (a Class target) by the
            // class named, so those are not cached.
            if (target == null || target instanceof Class) {
                return thymeleaf.isAccessible(context, target, member, propertyName);
            }
            Map<Member, Boolean> forType = decided.get(target.getClass());
            Boolean allowed = forType.get(member);
            if (allowed == null) {
                allowed = thymeleaf.isAccessible(context, target, member, propertyName);
                forType.put(member, allowed);
            }
            return allowed;
        }
    }
}
