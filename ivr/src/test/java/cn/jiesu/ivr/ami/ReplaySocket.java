package cn.jiesu.ivr.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.asteriskjava.util.SocketConnectionFacade;
import org.asteriskjava.util.internal.streamreader.FastScanner;
import org.asteriskjava.util.internal.streamreader.FastScannerFactory;

/**
 * The receiving side of an AMI socket over recorded bytes, split into lines by Asterisk-Java's own scanner (the one
 * its socket facade uses), so Asterisk-Java's real reader and parser run on real Asterisk output without a network.
 * Returns null at the end of the bytes, as a closed socket does.
 */
final class ReplaySocket implements SocketConnectionFacade {
    private final FastScanner scanner;

    ReplaySocket(InputStream in) {
        this.scanner = FastScannerFactory.getReader(
                new InputStreamReader(in, StandardCharsets.UTF_8), Pattern.compile("\r\n"));
    }

    @Override
    public String readLine() throws IOException {
        return scanner.next();
    }

    @Override
    public void write(String s) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getLocalPort() {
        return 0;
    }

    @Override
    public InetAddress getRemoteAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getRemotePort() {
        return 0;
    }
}
