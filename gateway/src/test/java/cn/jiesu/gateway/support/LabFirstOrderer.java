package cn.jiesu.gateway.support;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The order the gateway's ITs are handed to the two workers: the {@link Isolated} ones first (each runs alone, so
 * they are cheapest while nothing else is queued), then the lab's, whose chain is the longest serial part of the
 * suite and should start at once, then the rest, which fill the other workers beside the lab chain ({@link ClassGate}
 * bounds how many).
 */
public final class LabFirstOrderer implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparingInt(LabFirstOrderer::rank)
                        .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int rank(ClassDescriptor d) {
        if (d.isAnnotated(Isolated.class)) {
            return 0;
        }
        return d.isAnnotated(UsesAsteriskLab.class) ? 1 : 2;
    }
}
