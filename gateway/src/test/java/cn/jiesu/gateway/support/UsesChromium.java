package cn.jiesu.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class drives a headless Chromium ({@link HeadlessChromium}): a browser and its renderers are the
 * heaviest thing an IT runs, so {@link ClassGate} lets at most two such classes run at once.
 * {@code ParallelTestRulesTest} fails when a class launches one without it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface UsesChromium {}
