package cn.jiesu.core.intake;

/**
 * The person behind an appeal, as far as the channel tells us.
 *
 * @param channelUserId openid, Weibo uid, Open311 account; null for phone
 * @param name          name as given (family name first)
 * @param phone         contact number the citizen gave
 * @param callerNumber  the number the call came from (ANI)
 * @param email         e-mail when given
 * @param confidential  whether the citizen asked to stay anonymous (保密)
 */
public record Citizen(
        String channelUserId, String name, String phone, String callerNumber, String email, boolean confidential) {
    public static final Citizen UNKNOWN = new Citizen(null, null, null, null, null, false);

    /** The number to reach the citizen on: the stated phone first, then the caller number. */
    public String contactNumber() {
        return phone != null ? phone : callerNumber;
    }
}
