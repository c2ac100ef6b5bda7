package cn.jiesu.channels.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.channels.ChannelResult;
import cn.jiesu.channels.ChannelResult.Accepted;
import cn.jiesu.channels.ChannelResult.Rejected;
import cn.jiesu.channels.Fixtures;
import cn.jiesu.channels.Fixtures.Req;
import cn.jiesu.channels.FormData;
import cn.jiesu.channels.HttpReply;
import cn.jiesu.channels.InputRejected;
import cn.jiesu.core.appeal.AppendResult;
import cn.jiesu.core.intake.Channel;
import cn.jiesu.core.intake.ContentType;
import cn.jiesu.core.intake.Intake;
import cn.jiesu.core.intake.ReplyMode;
import cn.jiesu.core.intake.RequestType;
import cn.jiesu.core.intake.Urgency;
import cn.jiesu.core.sla.SlaPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebFormAdapterTest {
    private static final Clock CLOCK = Fixtures.clockAt("2024-05-30T02:00:05Z");
    private static final String SECRET = "web-form-csrf-secret-0123456789abcdef";
    private static final String COOKIE = "jiesu_csrf=b1nd1ng-c00k1e";

    private final FormTokens tokens = new FormTokens(SECRET, Duration.ofHours(2), CLOCK, new Random(7));
    private final WebFormAdapter adapter = new WebFormAdapter(
            new WebFormConfig("web", SECRET, null, null, "/appeal/submitted", 0),
            tokens,
            Fixtures.ids(CLOCK),
            SlaPolicy.BEIJING,
            Fixtures.classifier(),
            Fixtures.catalog());

    private ChannelResult submit(String form) {
        return adapter.handle(Req.post("/appeal")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "lang=zh; " + COOKIE)
                .body(form)
                .build());
    }

    private String valid(String token) {
        return "csrf_token=" + token + "&category=0302&description=" + FormData.encode("小区东门路灯不亮两晚了")
                + "&address=" + FormData.encode("朝阳区望京西园三区东门") + "&phone=" + FormData.encode("138 0013 8000")
                + "&callback=on&name=" + FormData.encode("李明");
    }

    @Test
    @DisplayName("a valid submission becomes a FORM intake; once appended the browser is sent to the confirmation")
    void submit() {
        String token = tokens.issueToken("b1nd1ng-c00k1e");
        ChannelResult r = submit(valid(token));
        assertThat(r).isInstanceOf(Accepted.class);
        Accepted a = (Accepted) r;
        Intake in = a.intake();
        assertThat(in.channel()).isEqualTo(Channel.WEB);
        assertThat(in.channelAccount()).isEqualTo("web");
        assertThat(in.channelMessageId())
                .isEqualTo("form:" + token.split("\\.")[1] + ":" + a.raw().sha256());
        assertThat(in.contentType()).isEqualTo(ContentType.FORM);
        assertThat(in.title()).isEqualTo("路灯");
        assertThat(in.location().addressText()).isEqualTo("朝阳区望京西园三区东门");
        assertThat(in.citizen().phone()).isEqualTo("13800138000");
        assertThat(in.citizen().name()).isEqualTo("李明");
        assertThat(in.callbackRequested()).isTrue();
        assertThat(in.replyRoute().mode()).isEqualTo(ReplyMode.CALLBACK);
        assertThat(in.requestType()).isEqualTo(RequestType.HELP);
        assertThat(in.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(in.signatureScheme()).isEqualTo("WEB_CSRF");
        HttpReply reply = a.ack().render(new AppendResult(in.intakeId(), "240530000042", false));
        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.headers())
                .containsEntry(
                        "Location",
                        "/appeal/submitted?no=240530000042&r=" + tokens.receipt("240530000042", "b1nd1ng-c00k1e"));
    }

    @Test
    @DisplayName("the receipt binds the number to the browser's cookie: another number or cookie does not verify")
    void receipt() {
        String r = tokens.receipt("240530000042", "b1nd1ng-c00k1e");
        assertThat(tokens.verifyReceipt("240530000042", "b1nd1ng-c00k1e", r)).isTrue();
        assertThat(tokens.verifyReceipt("240530000043", "b1nd1ng-c00k1e", r)).isFalse();
        assertThat(tokens.verifyReceipt("240530000042", "another-c00k1e", r)).isFalse();
        assertThat(tokens.verifyReceipt("240530000042", "", tokens.receipt("240530000042", "")))
                .isFalse();
        assertThat(tokens.verifyReceipt("240530000042", "b1nd1ng-c00k1e", null)).isFalse();
    }

    @Test
    @DisplayName("every field problem is listed at once, in the form's order; the API still names the first")
    void allProblems() throws InputRejected {
        String token = tokens.issueToken("b1nd1ng-c00k1e");
        String form = "csrf_token=" + token + "&category=&request_type=NOPE&description=&address=&callback=on"
                + "&name=" + "名".repeat(60);
        assertThat(adapter.problems(FormData.parse(form.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .extracting(InputRejected::field)
                .containsExactly("category", "request_type", "description", "address", "name", "phone");
        ChannelResult r = submit(form);
        assertThat(((ChannelResult.Rejected) r).field()).isEqualTo("category");
    }

    @Test
    @DisplayName("a one-character description and a number no callback can reach are refused, each with its code")
    void tooShortAndUndialable() throws InputRejected {
        String token = tokens.issueToken("b1nd1ng-c00k1e");
        String form = "csrf_token=" + token + "&category=0302&description=%E7%81%AF&address=x" + "&phone=1380013";
        List<InputRejected> problems =
                adapter.problems(FormData.parse(form.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(problems).extracting(InputRejected::field).containsExactly("description", "phone");
        assertThat(problems).extracting(InputRejected::code).containsExactly("field_too_short", "field_invalid");
        // Ticking 请回电给我 without a number is a missing number, not a wrong one.
        String noPhone = "csrf_token=" + token + "&category=0302"
                + "&description=%E8%B7%AF%E7%81%AF%E5%9D%8F%E4%BA%86&address=x&callback=on";
        assertThat(adapter.problems(FormData.parse(noPhone.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .extracting(InputRejected::code)
                .containsExactly("field_missing");
    }

    @Test
    @DisplayName("the dedupe id is the token and the fields: a double submit is one id, an edited resubmission another")
    void editedResubmission() {
        String token = tokens.issueToken("b1nd1ng-c00k1e");
        String once = ((Accepted) submit(valid(token))).intake().channelMessageId();
        assertThat(((Accepted) submit(valid(token))).intake().channelMessageId())
                .isEqualTo(once);
        assertThat(((Accepted) submit(valid(token).replace("category=0302", "category=0301")))
                        .intake()
                        .channelMessageId())
                .isNotEqualTo(once);
        assertThat(((Accepted) submit(valid(token) + "&confidential=on"))
                        .intake()
                        .channelMessageId())
                .isNotEqualTo(once);
        // The token is not content: a fresh page's token with the same fields is another submission too.
        assertThat(((Accepted) submit(valid(tokens.issueToken("b1nd1ng-c00k1e"))))
                        .intake()
                        .channelMessageId())
                .isNotEqualTo(once);
    }

    @Test
    @DisplayName("the raw payload keeps only the form's own fields, bounded: 60 KB of junk fields are not stored")
    void rawKeepsFormFields() {
        String token = tokens.issueToken("b1nd1ng-c00k1e");
        String junk = "&junk=" + "x".repeat(30_000) + "&more%5B%5D=" + "y".repeat(30_000);
        Accepted a = (Accepted) submit(valid(token) + junk);
        String raw = new String(a.raw().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw)
                .startsWith("category=0302&description=")
                .contains("&callback=on&name=")
                .doesNotContain("junk")
                .doesNotContain("more")
                .doesNotContain("csrf_token");
        assertThat(a.raw().body().length).isLessThan(400);
        assertThat(a.raw().ref()).isEqualTo("raw/sha256/" + a.raw().sha256());
    }

    @Test
    @DisplayName("submitting the same form twice maps to one dedupe key (double click, re-post on refresh)")
    void doubleSubmit() {
        String token = tokens.issueToken("b1nd1ng-c00k1e");
        assertThat(((Accepted) submit(valid(token))).intake().dedupeKey())
                .isEqualTo(((Accepted) submit(valid(token))).intake().dedupeKey());
        assertThat(((Accepted) submit(valid(tokens.issueToken("b1nd1ng-c00k1e"))))
                        .intake()
                        .dedupeKey())
                .isNotEqualTo(((Accepted) submit(valid(token))).intake().dedupeKey());
    }

    @Test
    @DisplayName("CSRF: a missing, forged, expired or unbound token is 403 naming csrf_token")
    void csrf() {
        assertRejected(submit(valid("")), 403, "csrf_token");
        String token = tokens.issueToken("b1nd1ng-c00k1e");
        assertRejected(submit(valid(token.substring(0, token.length() - 2) + "xx")), 403, "csrf_token");
        assertRejected(submit(valid(tokens.issueToken("another-browser"))), 403, "csrf_token");
        FormTokens earlier = new FormTokens(SECRET, Duration.ofHours(2), Fixtures.clockAt("2024-05-29T20:00:00Z"));
        assertRejected(submit(valid(earlier.issueToken("b1nd1ng-c00k1e"))), 403, "csrf_token");
        FormTokens otherKey = new FormTokens("another-secret-0123456789abcdefghij", Duration.ofHours(2), CLOCK);
        assertRejected(submit(valid(otherKey.issueToken("b1nd1ng-c00k1e"))), 403, "csrf_token");
        assertThat(tokens.verify(tokens.issueToken()).valid()).isTrue();
        assertThat(tokens.verify("v1.a.b.c").problem()).isEqualTo("malformed");
    }

    @Test
    @DisplayName("field errors are 400 naming the field; wrong content type 415; oversized 413")
    void fieldErrors() {
        String t = tokens.issueToken("b1nd1ng-c00k1e");
        assertRejected(submit("csrf_token=" + t + "&description=xxxx&address=y"), 400, "category");
        assertRejected(submit("csrf_token=" + t + "&category=9999&description=xxxx&address=y"), 400, "category");
        assertRejected(submit("csrf_token=" + t + "&category=0302&address=y"), 400, "description");
        assertRejected(submit("csrf_token=" + t + "&category=0302&description=xxxx"), 400, "address");
        assertRejected(
                submit("csrf_token=" + t + "&category=0302&description=xxxx&address=y&callback=on"), 400, "phone");
        assertRejected(submit("csrf_token=" + t + "&category=0302&description=xxxx&address=y&phone=abc"), 400, "phone");
        assertRejected(
                submit("csrf_token=" + t + "&category=0302&description=" + "x".repeat(4001) + "&address=y"),
                400,
                "description");
        assertRejected(submit("csrf_token=" + t + "&category=0302&description=%E6%A5&address=y"), 400, "description");
        assertRejected(
                submit("csrf_token=" + t + "&category=0302&description=xxxx&address=y&request_type=RANT"),
                400,
                "request_type");
        assertRejected(
                adapter.handle(Req.post("/appeal")
                        .header("Content-Type", "multipart/form-data; boundary=x")
                        .body(valid(t))
                        .build()),
                415,
                "content-type");
        assertRejected(
                adapter.handle(Req.post("/appeal")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body("a=" + "x".repeat(70_000))
                        .build()),
                413,
                "body");
    }

    @Test
    @DisplayName("a category with a mapped tier is an explicit choice; an emergency in the text still raises it")
    void categoryChoice() {
        String t = tokens.issueToken("b1nd1ng-c00k1e");
        Intake noise = ((Accepted)
                        submit("csrf_token=" + t + "&category=0402&address=y&description=" + FormData.encode("楼下装修太吵")))
                .intake();
        assertThat(noise.requestType()).isEqualTo(RequestType.COMPLAINT);
        Intake gas = ((Accepted) submit("csrf_token=" + tokens.issueToken("b1nd1ng-c00k1e")
                        + "&category=0402&address=y&description=" + FormData.encode("楼道里有很浓的煤气味")))
                .intake();
        assertThat(gas.urgency()).isEqualTo(Urgency.EMERGENCY);
    }

    @Test
    @DisplayName("the citizen's request type wins over the category's; the category's urgency stays")
    void requestTypeOverCategory() {
        String t = tokens.issueToken("b1nd1ng-c00k1e");
        Intake picked = ((Accepted) submit("csrf_token=" + t + "&category=0203&address=y&request_type=COMPLAINT"
                        + "&description=" + FormData.encode("暖气不热")))
                .intake();
        assertThat(picked.requestType()).isEqualTo(RequestType.COMPLAINT);
        assertThat(picked.urgency()).isEqualTo(Urgency.IMMEDIATE);
        Intake left = ((Accepted) submit("csrf_token=" + tokens.issueToken("b1nd1ng-c00k1e")
                        + "&category=0203&address=y&request_type=&description=" + FormData.encode("暖气不热")))
                .intake();
        assertThat(left.requestType()).isEqualTo(RequestType.HELP);
        assertThat(left.urgency()).isEqualTo(Urgency.IMMEDIATE);
    }

    private static void assertRejected(ChannelResult r, int status, String field) {
        assertThat(r).isInstanceOfSatisfying(Rejected.class, x -> {
            assertThat(x.status()).isEqualTo(status);
            assertThat(x.field()).isEqualTo(field);
        });
    }
}
