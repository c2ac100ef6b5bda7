#!/usr/bin/env bash
# Steps the benchmark scripts share (sourced; needs REPO_DIR).

# jiesu_bench_logback FILE [LOGGER_LINES]: a logback configuration that logs WARN and above to stderr, plus any
# <logger .../> lines given. At logback's default DEBUG, Lettuce and Netty would cost more than the work measured.
jiesu_bench_logback() {
    cat >"$1" <<XML
<configuration>
  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss} %-5level %logger{20} - %msg%n</pattern></encoder></appender>
${2:+  $2
}  <root level="WARN"><appender-ref ref="ERR"/></root>
</configuration>
XML
}

# jiesu_bench_gateway_harness WORK PACKAGE: compiles bench/.../PACKAGE/*.java with javac against a copy of the
# gateway's classes (so that a rebuild of the module during the runs cannot change the code measured, and so that
# another harness in bench/ that does not build cannot stop this one); prints the class path to run it with.
jiesu_bench_gateway_harness() {
    local work=$1 package=$2
    cp -r "$REPO_DIR/gateway/target/classes" "$work/gateway-classes"
    local deps="$work/gateway-classes:$REPO_DIR/gateway/target/lib/*"
    mkdir -p "$work/classes"
    javac --release 21 -d "$work/classes" -cp "$deps" "$REPO_DIR"/bench/src/main/java/cn/jiesu/bench/"$package"/*.java
    printf '%s\n' "$work/classes:$deps"
}
