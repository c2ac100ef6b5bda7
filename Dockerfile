# The Jiesu gateway image (used by docker-compose.yml). Build context: the repository root.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl gateway -am package

# JDK 25, not 21: the FastAGI server runs a virtual thread per call, and Asterisk-Java synchronizes its socket
# writes; before JDK 24 (JEP 491) that pins carrier threads.
FROM eclipse-temurin:25-jre
WORKDIR /opt/jiesu
COPY --from=build /src/gateway/target/jiesu-gateway-*.jar /opt/jiesu/jiesu-gateway.jar
COPY --from=build /src/gateway/target/lib /opt/jiesu/lib
COPY config /opt/jiesu/config
EXPOSE 8080 4573
ENTRYPOINT ["java", "-XX:+UseZGC", "-jar", "/opt/jiesu/jiesu-gateway.jar"]
