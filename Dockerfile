# The Jiesu gateway image (docker-compose.yml builds it). Build context: the repository root, after
#   docker/build-base.sh                          (the base images, from Debian packages)
#   mvn -B -DskipTests -pl gateway -am package    (the jar and its lib/; scripts/test.sh builds them too)
# The jar is built on the host, not in here: a Maven build inside the image build would download every
# dependency on every build. .dockerignore lets in only the jar, its lib/ and docker/.
#
# The base has Java 25 (Debian's openjdk-25-jre-headless), not 21: the FastAGI server runs a virtual thread per
# call and Asterisk-Java synchronizes its socket writes; before JDK 24 (JEP 491) that pins carrier threads, so a
# few hundred calls in the IVR would exhaust them. Any JRE >= 21 runs the gateway; >= 24 keeps calls cheap.
FROM localhost/jiesu-base-jre
WORKDIR /opt/jiesu
COPY gateway/target/lib/ /opt/jiesu/lib/
COPY gateway/target/jiesu-gateway-*.jar /opt/jiesu/jiesu-gateway.jar
COPY docker/gateway/jiesu /usr/local/bin/jiesu
# config/ is mounted here at run time (docker-compose.yml), never baked in: rules, flows and catalogs are
# the operator's to edit. The jar carries defaults for a gateway started without it.
RUN mkdir -p /opt/jiesu/config && chmod 755 /usr/local/bin/jiesu
USER jiesu
EXPOSE 8080 4573
ENTRYPOINT ["/usr/local/bin/jiesu"]
