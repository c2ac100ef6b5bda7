package cn.jiesu.gateway.channels;

/** Run in a child JVM by {@link SighupTest}: installs the reload handler and says whether SIGHUP reaches it. */
public final class SighupProbe {
    private SighupProbe() {}

    public static void main(String[] args) {
        try (Sighup hup = Sighup.install("reload classification rules", () -> {})) {
            System.out.println("active=" + hup.active());
        }
    }
}
