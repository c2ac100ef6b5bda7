package cn.jiesu.channels.weibo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One parsed push message, before normalization.
 *
 * @param data the {@code data} object (empty when absent)
 */
record WeiboMessage(String type, String receiverId, String senderId, Instant createdAt, String text,
                    JsonObject data) {
}
