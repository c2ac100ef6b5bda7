package cn.jiesu.channels.weibo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One parsed push message, before normalization.
 *
 * @param createdAt  when the sender sent it, or null when the push's time names no real time (Feb 30)
 * @param sentSecond the push's time in epoch seconds as written, for the dedupe key: the same for every retry,
 *                   also when {@code createdAt} is null
 * @param data       the {@code data} object (empty when absent)
 */
record WeiboMessage(
        String type,
        String receiverId,
        String senderId,
        Instant createdAt,
        long sentSecond,
        String text,
        JsonObject data) {}
