package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InboundRequest;
import cn.jiesu.channels.open311.Open311Adapter;
import cn.jiesu.channels.open311.Open311Errors;
import cn.jiesu.channels.open311.Open311Lookup;
import cn.jiesu.channels.open311.Open311Query;
import cn.jiesu.channels.open311.Open311Xml;
import cn.jiesu.core.appeal.AppealRecord;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.redis.channels.RequestListing;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open311 GeoReport v2 under {@code /open311/v2/}: {@code discovery}, {@code services}, {@code services/{code}},
 * {@code POST requests}, {@code GET requests} and {@code GET requests/{id}}, each as {@code .json} and as
 * {@code .xml} (the spec's required format, see {@link Open311Xml}). Every answer, errors included, is in the
 * spec's shape and in the format the path names.
 *
 * <p>Only requests created through Open311 are visible here: the appeal number is the service_request_id, and
 * numbers are sequential, so serving phone or WeChat appeals by number would publish them. With
 * {@code channels.open311.public-reads: false} the request reads need a configured client's {@code api_key}
 * (discovery and services stay public). Created requests are
 * listed by time in a Redis sorted set for {@code GET requests.json}.
 *
 * <p>Every GET first checks what all resources share: a query string that decodes (else 400) and a
 * {@code jurisdiction_id} that is ours or absent (else 404, as the spec says).
 */
final class Open311Routes {
    static final String BASE = "/open311/v2";
    private static final String CHANNEL = "open311";
    private static final Logger LOG = LoggerFactory.getLogger(Open311Routes.class);
    /** The resources served, in either format; discovery and services lists take no id. */
    private static final Pattern RESOURCE = Pattern.compile(Pattern.quote(BASE)
            + "/(?:(?<name>discovery|services|requests)|(?<listed>services|requests)/[^/]+)\\.(?:json|xml)");
    /**
     * GET requests.json reads at most this many pages of the listing (a page is the query's limit, 1000) to find
     * its matches: a filter that matches little cannot make one unauthenticated GET read a whole busy quarter.
     */
    static final int MAX_PAGES = 10;

    private final ChannelPipeline pipeline;
    private final Open311Adapter adapter;
    private final AppealStore store;
    private final RequestListing listing;

    Open311Routes(ChannelPipeline pipeline, Open311Adapter adapter, AppealStore store, RequestListing listing) {
        this.pipeline = pipeline;
        this.adapter = adapter;
        this.store = store;
        this.listing = listing;
    }

    void mount(Router router) {
        pipeline.serving(CHANNEL);
        ErrorShape shape = ErrorShape.OPEN311;
        // Runs before every route below (the body handler has run already): replies to a .xml path, errors
        // included, are written in XML. The failure handler does the same for bodies refused before this runs.
        router.route(BASE + "/*").handler(ctx -> {
            formatByPath(ctx);
            ctx.next();
        });
        for (String ext : List.of("json", "xml")) {
            read(router.route(BASE + "/discovery." + ext))
                    .handler(ctx -> get(ctx, request -> Future.succeededFuture(adapter.discovery())));
            read(router.route(BASE + "/services." + ext))
                    .handler(ctx -> get(ctx, request -> Future.succeededFuture(adapter.services())));
            read(router.routeWithRegex(BASE + "/services/(?<code>[^/]+)\\." + ext))
                    .handler(ctx -> get(
                            ctx, request -> Future.succeededFuture(adapter.serviceDefinition(ctx.pathParam("code")))));
            router.post(BASE + "/requests." + ext).handler(this::create);
            read(router.route(BASE + "/requests." + ext))
                    .handler(ctx -> get(ctx, request -> keyed(request, () -> list(ctx, request))));
            read(router.routeWithRegex(BASE + "/requests/(?<id>[^/]+)\\." + ext))
                    .handler(ctx -> get(ctx, request -> keyed(request, () -> one(ctx, ctx.pathParam("id")))));
        }
        router.route(BASE + "/*").handler(Open311Routes::unknown);
        Handler<RoutingContext> failures = EdgeFailures.handler(shape);
        router.route(BASE + "/*").failureHandler(ctx -> {
            formatByPath(ctx);
            failures.handle(ctx);
        });
    }

    /** Sets the XML reply format for any path ending in {@code .xml} (the spec's required format). */
    private static void formatByPath(RoutingContext ctx) {
        String path = ctx.request().path();
        if (!path.endsWith(".xml")) {
            return;
        }
        Matcher m = RESOURCE.matcher(path);
        Open311Xml.Resource resource = !m.matches()
                ? Open311Xml.Resource.REQUESTS // only errors go there
                : "discovery".equals(m.group("name"))
                        ? Open311Xml.Resource.DISCOVERY
                        : "services".equals(m.group("name"))
                                ? Open311Xml.Resource.SERVICES
                                : "services".equals(m.group("listed"))
                                        ? Open311Xml.Resource.SERVICE_DEFINITION
                                        : Open311Xml.Resource.REQUESTS;
        ctx.put(ChannelPipeline.REPLY_FORMAT, (UnaryOperator<HttpReply>) r -> Open311Xml.convert(r, resource));
    }

    private void create(RoutingContext ctx) {
        pipeline.process(ctx, CHANNEL, adapter::createRequest, ErrorShape.OPEN311)
                .compose(o -> {
                    if (o.appended() == null
                            || o.appended().duplicate()
                            || !(o.result() instanceof ChannelResult.Accepted a)) {
                        return Future.succeededFuture(o.reply());
                    }
                    // The request is stored and acknowledged either way; an unlisted one is still found by its id.
                    return future(
                                    ctx,
                                    listing.add(
                                            o.appended().intakeId(),
                                            a.intake().receivedAt().toEpochMilli()))
                            .onFailure(e -> LOG.warn(
                                    "open311: request {} not listed: {}",
                                    o.appended().appealNo(),
                                    e.getMessage()))
                            .transform(ar -> Future.succeededFuture(o.reply()));
                })
                .onSuccess(reply -> ChannelPipeline.send(ctx, reply));
    }

    /** Serves a GET after the checks every resource shares (see the class comment). */
    private void get(RoutingContext ctx, Function<InboundRequest, Future<HttpReply>> work) {
        pipeline.serve(ctx, CHANNEL, ErrorShape.OPEN311, () -> {
            InboundRequest request = pipeline.inbound(ctx);
            if (request == null) {
                return Future.succeededFuture(Open311Errors.of(400, "query_invalid", "query", "query: malformed")
                        .reply());
            }
            return adapter.foreignJurisdiction(request)
                    .map(r -> Future.succeededFuture(r.reply()))
                    .orElseGet(() -> work.apply(request));
        });
    }

    /** Reads of requests: 403 first when channels.open311.public-reads is off and no client's api_key came. */
    private Future<HttpReply> keyed(InboundRequest request, Supplier<Future<HttpReply>> read) {
        return adapter.readRefused(request)
                .map(r -> Future.succeededFuture(r.reply()))
                .orElseGet(read);
    }

    private Future<HttpReply> list(RoutingContext ctx, InboundRequest request) {
        return switch (adapter.lookup(request)) {
            case Open311Lookup.Invalid invalid ->
                Future.succeededFuture(invalid.rejected().reply());
            case Open311Lookup.Query(Open311Query q) ->
                (q.ids().isEmpty()
                                ? matching(ctx, q, 0, new ArrayList<>(), new HashSet<>())
                                : records(ctx, q.ids(), true))
                        .map(records -> adapter.renderRequests(q, records));
        };
    }

    /**
     * The listed requests that match {@code q}, newest first: the listing is read a page at a time and each page
     * filtered, until the query has its limit of matches, the window is read, or {@link #MAX_PAGES} pages were
     * read. Filtering before the limit is what lets {@code status=closed} find closed requests older than the
     * newest 1000 requests. {@code seen} drops an id read twice when requests created meanwhile shift the pages.
     */
    private Future<List<AppealRecord>> matching(
            RoutingContext ctx, Open311Query q, int page, List<AppealRecord> found, Set<String> seen) {
        int size = q.limit();
        return future(ctx, listing.between(q.start().toEpochMilli(), q.end().toEpochMilli(), page * size, size))
                .compose(ids -> records(ctx, ids.stream().filter(seen::add).toList(), false)
                        .compose(records -> {
                            records.stream().filter(r -> adapter.matches(q, r)).forEach(found::add);
                            boolean done = ids.size() < size || found.size() >= q.limit() || page + 1 >= MAX_PAGES;
                            return done ? Future.succeededFuture(found) : matching(ctx, q, page + 1, found, seen);
                        }));
    }

    private Future<HttpReply> one(RoutingContext ctx, String id) {
        if (!Open311Adapter.plausibleRequestId(id)) {
            return Future.succeededFuture(adapter.renderRequest(id, Optional.empty()));
        }
        return future(ctx, store.byAppealNo(id))
                .map(found -> adapter.renderRequest(id, found.filter(Open311Routes::public311)));
    }

    /** The Open311 appeals among {@code ids} (appeal numbers, or intake ids from the listing). */
    private Future<List<AppealRecord>> records(RoutingContext ctx, List<String> ids, boolean byNumber) {
        List<Future<Optional<AppealRecord>>> reads = new ArrayList<>();
        for (String id : ids) {
            reads.add(future(ctx, byNumber ? store.byAppealNo(id) : store.byId(id)));
        }
        return Future.all(reads)
                .map(all -> reads.stream()
                        .map(Future::result)
                        .flatMap(Optional::stream)
                        .filter(Open311Routes::public311)
                        .toList());
    }

    private static boolean public311(AppealRecord r) {
        return r.intake().channel() == Channel.OPEN311;
    }

    /** A resource read by GET, and by HEAD (RFC 9110: the same answer without the body; Vert.x drops it). */
    private static Route read(Route route) {
        return route.method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    private static void unknown(RoutingContext ctx) {
        String path = ctx.request().path();
        Matcher resource = RESOURCE.matcher(path);
        if (!resource.matches()) {
            ChannelPipeline.send(
                    ctx,
                    Open311Errors.notFound("resource " + path.replaceAll("[^A-Za-z0-9/_.-]", "?"))
                            .reply());
            return;
        }
        // Only the requests collection takes POST; every resource takes GET and its HEAD.
        String allow = "requests".equals(resource.group("name")) ? "GET, HEAD, POST" : "GET, HEAD";
        ChannelPipeline.send(
                ctx,
                Open311Errors.of(405, "method_not_allowed", null, ctx.request().method() + " is not allowed here")
                        .reply()
                        .withHeader("Allow", allow));
    }

    private static <T> Future<T> future(RoutingContext ctx, CompletionStage<T> stage) {
        Context context = ctx.vertx().getOrCreateContext();
        return Future.fromCompletionStage(stage, context);
    }
}
