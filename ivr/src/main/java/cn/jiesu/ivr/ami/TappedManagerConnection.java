package cn.jiesu.ivr.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;
import org.asteriskjava.util.internal.SocketConnectionFacadeImpl;

/**
 * Asterisk-Java's connection with our {@link WireTap} between socket and reader. Socket read timeout and connect
 * timeout come from {@link AmiConfig}; Asterisk-Java's own reconnect thread is stopped by the session that owns the
 * connection (it logs off on disconnect), so reconnecting and its backoff stay ours.
 */
final class TappedManagerConnection extends ManagerConnectionImpl {
    private final AmiConfig config;
    private final EventRing ring;

    TappedManagerConnection(AmiConfig config, EventRing ring) {
        this.config = config;
        this.ring = ring;
        setHostname(config.host());
        setPort(config.port());
        setUsername(config.username());
        setPassword(config.secret());
        setSocketTimeout((int) config.connectTimeout().toMillis());
        setSocketReadTimeout((int) config.socketReadTimeout().toMillis());
        setDefaultResponseTimeout(config.actionTimeout().toMillis());
        setKeepAliveAfterAuthenticationFailure(false);
    }

    EventRing ring() {
        return ring;
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        return new WireTap(
                new SocketConnectionFacadeImpl(
                        config.host(),
                        config.port(),
                        false,
                        (int) config.connectTimeout().toMillis(),
                        (int) config.socketReadTimeout().toMillis(),
                        StandardCharsets.UTF_8),
                ring);
    }
}
