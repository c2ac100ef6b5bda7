/**
 * The intake queue on Redis.
 *
 * <p>Writing: {@link cn.jiesu.redis.intake.RedisAppealStore#append} runs one Lua script per intake: dedupe check,
 * appeal number from the day's counter, XADD to the intake stream, the appeal hash, and the number and phone
 * indexes, all or nothing. Reading: one {@link cn.jiesu.redis.intake.IntakeConsumer} per consumer and group reads
 * with XREADGROUP on its own connection, acknowledges after its handler succeeds, reclaims entries left idle by
 * dead consumers, and dead-letters entries that keep failing or do not decode. Keeping:
 * {@link cn.jiesu.redis.intake.StreamTrimmer} cuts the stream only below what every group has acknowledged and
 * what is older than the retention.
 */
package cn.jiesu.redis.intake;
