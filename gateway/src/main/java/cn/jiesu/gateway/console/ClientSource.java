package cn.jiesu.gateway.console;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The address a sign-in's limits are kept under: the TCP peer (the gateway has no trusted-proxy setting, so a
 * forwarded-for header would be the client's word). An IPv6 client is keyed by its /64, the block one subscriber
 * gets: otherwise each of its 2^64 addresses would start with a fresh count.
 */
final class ClientSource {
    private ClientSource() {}

    /** The key for {@code hostAddress} (a literal IP, as the server reports the peer); "unknown" when there is none. */
    static String of(String hostAddress) {
        if (hostAddress == null || hostAddress.isEmpty()) {
            return "unknown";
        }
        if (hostAddress.indexOf(':') < 0) {
            return hostAddress;
        }
        try {
            // With a colon it can only be an IPv6 literal, which getByName parses without a DNS look-up; an
            // IPv4-mapped one comes back as IPv4.
            InetAddress a = InetAddress.getByName(
                    hostAddress.startsWith("[") ? hostAddress.substring(1, hostAddress.length() - 1) : hostAddress);
            if (a instanceof Inet6Address) {
                byte[] b = a.getAddress();
                return HexFormat.of().formatHex(b, 0, 8) + "::/64";
            }
            return a.getHostAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return "unknown";
        }
    }
}
