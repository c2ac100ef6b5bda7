package cn.jiesu.bench.channels;

import cn.jiesu.channels.RequestSignature;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Pre-signs app API requests for wrk, one per line: {@code nonce TAB timestamp TAB signature TAB body}. Every
 * request has its own nonce (the dedupe id when no Idempotency-Key is sent), text, app user and phone number, so
 * each one the gateway sees within the dedupe window is a new appeal of a new citizen (the merge consumer finds no
 * earlier appeals to compare, as for most real appeals). Signing happens here, before the run: wrk's Lua only
 * cycles through the lines, so the load generator spends no CPU on HMAC.
 */
final class SignedRequests {
    static final String PATH = "/api/v1/appeals";
    private static final List<String> TEXTS = List.of(
            "望京西园三区2号楼从昨晚开始停水，到现在还没来水，请尽快处理",
            "楼道照明灯已损坏一周，夜间老人上下楼不安全，物业一直没人来修",
            "小区门口的共享单车乱停乱放，堵住了人行道，轮椅过不去",
            "楼下餐馆油烟很大，晚上十一点以后还在营业，噪音扰民",
            "家里暖气不热，室温只有十四度，老人孩子受不了",
            "阜通东大街路口红绿灯坏了，早高峰车辆和行人都很危险",
            "咨询一下办理居住证需要带哪些材料，在哪里办理",
            "表扬望京街道工作人员，上周帮我们解决了楼顶漏水的问题",
            "建议在小区北门增设一个公交站，附近居民出行很不方便",
            "举报有人在绿化带里私自搭建棚子，占用公共绿地");

    private SignedRequests() {}

    /** Writes {@code n} signed requests for {@code secret}, stamped now; returns the mean body size in bytes. */
    static int write(Path file, int n, String secret, long seed) throws IOException {
        Random random = new Random(seed);
        long ts = System.currentTimeMillis() / 1000;
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String nonce = Long.toString(seed, 36) + "-" + Integer.toString(i, 36) + "-"
                        + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                String body = new JsonObject()
                        .put("description", TEXTS.get(i % TEXTS.size()) + "（第" + i + "号）")
                        .put("address", "北京市朝阳区望京街道阜通东大街" + (1 + i % 20) + "号院")
                        .put("phone", "139" + String.format("%08d", random.nextInt(100_000_000)))
                        .put("userId", "bench-" + Long.toString(seed, 36) + "-" + Integer.toString(i, 36))
                        .put("lat", 39.99 + random.nextInt(1000) / 1e5)
                        .put("lon", 116.48 + random.nextInt(1000) / 1e5)
                        .encode();
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                bytes += b.length;
                String t = Long.toString(ts);
                out.write(nonce + "\t" + t + "\t" + RequestSignature.sign(secret, "POST", PATH, t, nonce, b) + "\t"
                        + body + "\n");
            }
        }
        return (int) (bytes / Math.max(1, n));
    }

    /** A representative body for the bare route (same size class as the signed ones). */
    static String sampleBody() {
        return new JsonObject()
                .put("description", TEXTS.get(0) + "（第0号）")
                .put("address", "北京市朝阳区望京街道阜通东大街1号院")
                .put("phone", "13912345678")
                .put("userId", "bench-0")
                .put("lat", 39.99)
                .put("lon", 116.48)
                .encode();
    }
}
