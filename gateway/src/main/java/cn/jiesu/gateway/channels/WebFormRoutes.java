package cn.jiesu.gateway.channels;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.FormData;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.channels.web.FormTokens;
import cn.jiesu.channels.web.WebFormAdapter;
import cn.jiesu.channels.web.WebFormConfig;
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
    private final SecureRandom random = new SecureRandom();

    WebFormRoutes(
            ChannelPipeline pipeline,
            WebFormAdapter adapter,
            FormTokens tokens,
            WebFormConfig config,
            WebFormPage page) {
        this.pipeline = pipeline;
        this.adapter = adapter;
        this.tokens = tokens;
        this.config = config;
        this.page = page;
    }

    void mount(Router router) {
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

    /** The form again: the citizen's values, the problem under its field, a fresh token. */
    private void again(RoutingContext ctx, ChannelResult.Rejected r) {
        Map<String, String> values = new HashMap<>();
        try {
            Map<String, List<String>> form = FormData.parse(
                    ctx.body().buffer() == null
                            ? new byte[0]
                            : ctx.body().buffer().getBytes());
            for (String f : WebFormPage.FIELDS) {
                String v = FormData.first(form, f);
                values.put(f, v == null ? "" : v);
            }
            values.put("callback", FormData.first(form, "callback") == null ? "" : "on");
        } catch (InputRejected e) {
            // the body does not decode: show an empty form with the message
        }
        Map<String, String> errors = new HashMap<>();
        String summary = null;
        if (r.code().startsWith("csrf_")) {
            summary = "页面已过期或来源无法确认，您的诉求尚未提交。请核对内容后再次点击提交。";
        } else if (r.field() != null && WebFormPage.FIELDS.contains(r.field())) {
            errors.put(r.field(), WebFormErrors.explain(r.field(), r.code()));
        } else {
            summary = "提交的内容无法识别，请检查后重新提交。";
        }
        html(ctx, r.status(), page.form(tokens.issueToken(browserCookie(ctx)), values, errors, summary));
    }

    private void confirmation(RoutingContext ctx) {
        String no;
        try {
            no = ctx.queryParams().get("no");
        } catch (RuntimeException e) {
            no = null;
        }
        if (no == null || !no.matches("[A-Za-z0-9-]{1,64}")) {
            html(ctx, 400, page.message("受理编号无效", "没有找到这个受理编号。如需查询，请拨打 12345。"));
            return;
        }
        html(ctx, 200, page.submitted(no));
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
