package cn.jiesu.channels;

import cn.jiesu.channels.catalog.ServiceCatalog;
import cn.jiesu.channels.catalog.ServiceCatalogYaml;
import cn.jiesu.channels.classify.ReloadableClassifier;
import cn.jiesu.core.classify.TextNormalizer;
import cn.jiesu.core.intake.IntakeIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test fixtures from src/test/resources and the production rule and catalog files (copied by the build). */
public final class Fixtures {
    private static ReloadableClassifier classifier;
    private static ServiceCatalog catalog;

    private Fixtures() {}

    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    public static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    public static IntakeIds ids(Clock clock) {
        return new IntakeIds(clock, new Random(42));
    }

    /** The classifier built from config/classification.yaml. */
    public static synchronized ReloadableClassifier classifier() {
        if (classifier == null) {
            classifier = ReloadableClassifier.load(configPath("classification.yaml"), TextNormalizer.standard());
        }
        return classifier;
    }

    /** The catalog from config/services.yaml. */
    public static synchronized ServiceCatalog catalog() {
        if (catalog == null) {
            try {
                catalog = ServiceCatalogYaml.parse(
                        java.nio.file.Files.readString(configPath("services.yaml")), "services.yaml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return catalog;
    }

    /** A file of src/test/resources. */
    public static Path testResource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path configPath(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds InboundRequests the way the gateway will. */
    public static final class Req {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new HashMap<>();
        private final Map<String, String> headers = new HashMap<>();
        private byte[] body = new byte[0];
        private Instant receivedAt = Instant.parse("2024-05-30T02:00:05.412Z");

        private Req(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public static Req get(String path) {
            return new Req("GET", path);
        }

        public static Req post(String path) {
            return new Req("POST", path);
        }

        public static Req method(String method, String path) {
            return new Req(method, path);
        }

        /** Parses "a=1&b=2" (values taken literally, no percent-decoding needed in tests). */
        public Req query(String queryString) {
            for (String pair : queryString.split("&")) {
                int eq = pair.indexOf('=');
                query.computeIfAbsent(pair.substring(0, eq), k -> new java.util.ArrayList<>())
                        .add(pair.substring(eq + 1));
            }
            return this;
        }

        public Req header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Req body(byte[] b) {
            body = b;
            return this;
        }

        public Req body(String s) {
            return body(s.getBytes(StandardCharsets.UTF_8));
        }

        public Req at(String instant) {
            receivedAt = Instant.parse(instant);
            return this;
        }

        public InboundRequest build() {
            return new InboundRequest(method, path, query, headers, body, receivedAt, "127.0.0.1");
        }
    }
}
