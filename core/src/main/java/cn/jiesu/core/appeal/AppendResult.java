package cn.jiesu.core.appeal;

/**
 * What appending an intake gave: the intake id and appeal number of the first append of its dedupe key.
 *
 * @param duplicate true when the dedupe key had been appended before; ids are then the first append's
 */
public record AppendResult(String intakeId, String appealNo, boolean duplicate) {}
