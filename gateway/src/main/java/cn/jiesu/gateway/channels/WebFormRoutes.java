package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.FormData;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.web.FormTokens;
import cn.jiesu.channels.web.WebFormAdapter;
import cn.jiesu.channels.web.WebFormConfig;
import cn.jiesu.core.appeal.AppealStore;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.Intake;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The citizens' web form, without JavaScript: {@code GET /appeal} renders it with a CSRF token bound to a cookie
 * (double submit), {@code POST /appeal} hands it to the {@link WebFormAdapter} and answers 303 to the confirmation
 * page once the appeal is stored (post/redirect/get), or renders the form again with the citizen's values and the
 * problems named under their fields. Clients that do not ask for HTML get the adapter's JSON errors.
 */
final class WebFormRoutes {
    static final String PATH = "/appeal";
    private static final String CHANNEL = "web";
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final ChannelPipeline pipeline;
    private final WebFormAdapter adapter;
    private final FormTokens tokens;
    private final WebFormConfig config;
    private final WebFormPage page;
    private final AppealStore store;
    private final SecureRandom random = new SecureRandom();

    WebFormRoutes(
            ChannelPipeline pipeline,
            WebFormAdapter adapter,
            FormTokens tokens,
            WebFormConfig config,
            WebFormPage page,
            AppealStore store) {
        this.pipeline = pipeline;
        this.adapter = adapter;
        this.tokens = tokens;
        this.config = config;
        this.page = page;
        this.store = store;
    }

    void mount(Router router) {
        pipeline.serving(CHANNEL);
        router.get(PATH)
                .handler(ctx ->
                        html(ctx, 200, page.form(tokens.issueToken(browserCookie(ctx)), Map.of(), Map.of(), null)));
        router.post(PATH).handler(this::submit);
        router.get(PATH + "/form.css")
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/css; " + "charset=utf-8")
                        .putHeader("cache-control", "public, max-age=3600")
                        .end(page.css()));
        router.get(config.confirmationPath()).handler(this::confirmation);
        router.route(PATH).failureHandler(EdgeFailures.handler(ErrorShape.JSON));
    }

    private void submit(RoutingContext ctx) {
        pipeline.process(ctx, CHANNEL, adapter::handle, ErrorShape.JSON).onSuccess(o -> {
            int status = o.reply().status();
            if (status == 303 || !wantsHtml(ctx)) {
                ChannelPipeline.send(ctx, o.reply());
            } else if (o.result() instanceof ChannelResult.Rejected r && (status == 400 || status == 403)) {
                again(ctx, r);
            } else if (status == 429 || status == 503) {
                String retry = o.reply().headers().getOrDefault("Retry-After", "5");
                ctx.response().putHeader("Retry-After", retry);
                html(ctx, status, page.message("系统繁忙", "当前提交的人较多，您的诉求尚未提交成功。请在 " + retry + " 秒后返回上一页重新提交。"));
            } else {
                html(ctx, status >= 400 ? status : 500, page.message("提交未成功", "您的诉求未能提交，请返回上一页检查后重试，或拨打 12345。"));
            }
        });
    }

    /** The form again: the citizen's values, every problem under its field and in the summary, a fresh token. */
    private void again(RoutingContext ctx, ChannelResult.Rejected r) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        String summary = null;
        try {
            Map<String, List<String>> form = FormData.parse(
                    ctx.body().buffer() == null
                            ? new byte[0]
                            : ctx.body().buffer().getBytes());
            for (String f : WebFormPage.FIELDS) {
                String v = FormData.first(form, f);
                values.put(f, v == null ? "" : v);
            }
            for (String c : WebFormPage.CHECKS) {
                values.put(c, FormData.first(form, c) == null ? "" : "on");
            }
            for (InputRejected p : adapter.problems(form)) {
                errors.putIfAbsent(p.field(), WebFormErrors.explain(p.field(), p.code()));
            }
        } catch (InputRejected e) {
            // the body does not decode: show an empty form with the message
        }
        if (r.code().startsWith("csrf_")) {
            summary = "页面已过期或来源无法确认，您的诉求尚未提交。请核对内容后再次点击提交。";
        } else if (r.field() != null && WebFormPage.FIELDS.contains(r.field())) {
            errors.putIfAbsent(r.field(), WebFormErrors.explain(r.field(), r.code()));
        } else {
            summary = "提交的内容无法识别，请检查后重新提交。";
        }
        html(ctx, r.status(), page.form(tokens.issueToken(browserCookie(ctx)), values, errors, summary));
    }

    /**
     * The confirmation, only for this browser's own submission: the receipt in the 303's address must be bound to
     * the number and the browser's form cookie, and the appeal must exist. Anything else is the same neutral 404,
     * so the page tells nothing about other citizens' appeals (not even whether a number exists).
     */
    private void confirmation(RoutingContext ctx) {
        String no;
        String receipt;
        try {
            no = ctx.queryParams().get("no");
            receipt = ctx.queryParams().get("r");
        } catch (RuntimeException e) {
            no = null;
            receipt = null;
        }
        Cookie cookie = ctx.request().getCookie(config.csrfCookie());
        if (no == null
                || !no.matches("[A-Za-z0-9-]{1,64}")
                || cookie == null
                || !tokens.verifyReceipt(no, cookie.getValue(), receipt)) {
            notFound(ctx);
            return;
        }
        String appealNo = no;
        Future.fromCompletionStage(store.byIdOrAppealNo(appealNo), ctx.vertx().getOrCreateContext())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        html(ctx, 503, page.message("系统繁忙", "暂时无法显示受理结果，请稍后刷新本页，或拨打 12345 查询。"));
                    } else if (ar.result().isEmpty()
                            || ar.result().get().intake().channel() != Channel.WEB) {
                        notFound(ctx);
                    } else {
                        Intake i = ar.result().get().intake();
                        html(ctx, 200, page.submitted(appealNo, i.urgency(), i.receivedAt(), i.dueAt()));
                    }
                });
    }

    private void notFound(RoutingContext ctx) {
        html(ctx, 404, page.message("未找到该受理记录", "未找到该受理记录。如需查询办理进度，请拨打 12345 并提供受理编号。"));
    }

    /** The browser's CSRF cookie value, set now if it has none (HttpOnly, SameSite=Strict, scoped to the form). */
    private String browserCookie(RoutingContext ctx) {
        Cookie existing = ctx.request().getCookie(config.csrfCookie());
        if (existing != null && existing.getValue().matches("[A-Za-z0-9_-]{22,64}")) {
            return existing.getValue();
        }
        String fresh = ctx.get("jiesu.csrf.cookie");
        if (fresh == null) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            ctx.put("jiesu.csrf.cookie", fresh);
            ctx.response()
                    .addCookie(Cookie.cookie(config.csrfCookie(), fresh)
                            .setPath(PATH)
                            .setHttpOnly(true)
                            .setSameSite(CookieSameSite.STRICT)
                            .setSecure(ctx.request().isSSL()));
        }
        return fresh;
    }

    private static boolean wantsHtml(RoutingContext ctx) {
        String accept = ctx.request().getHeader("accept");
        return accept != null && accept.contains("text/html");
    }

    private static void html(RoutingContext ctx, int status, String body) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.headWritten()) {
            return;
        }
        r.setStatusCode(status)
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("content-security-policy", CSP)
                .putHeader("x-frame-options", "DENY")
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer")
                .putHeader("cache-control", "no-store")
                .end(body);
    }
}
