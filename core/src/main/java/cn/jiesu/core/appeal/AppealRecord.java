package cn.jiesu.core.appeal;

import cn.jiesu.core.intake.Intake;
import java.time.Instant;

/** A stored appeal: the intake as received plus where its handling stands. */
public record AppealRecord(Intake intake, AppealStatus status, Instant statusAt) {}
