package cn.jiesu.core.rates;

import cn.jiesu.core.appeal.Satisfaction;
import java.time.Instant;

/**
 * What is known about how an appeal ended: the reported resolution and the citizen's rating. Fields are null until
 * known.
 */
public record AppealResult(
        String intakeId,
        String handledBy,
        String result,
        Boolean resolved,
        Instant reportedAt,
        Satisfaction satisfaction,
        Instant ratedAt,
        Instant firstResponseAt) {}
