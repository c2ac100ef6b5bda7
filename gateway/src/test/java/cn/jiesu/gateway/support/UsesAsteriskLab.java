package cn.jiesu.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The test class drives this run's one Asterisk lab (its FastAGI port, the agents' SIP endpoints, AMI): classes
 * carrying it run one at a time, while the ITs that do not touch the lab run beside them (the gateway module's
 * failsafe runs classes two at a time). {@code ParallelTestRulesTest} fails when a class reaches the lab without it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ResourceLock(UsesAsteriskLab.LOCK)
public @interface UsesAsteriskLab {
    String LOCK = "jiesu.asterisk-lab";
}
