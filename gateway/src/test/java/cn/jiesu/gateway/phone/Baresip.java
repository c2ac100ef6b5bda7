package cn.jiesu.gateway.phone;

import static org.awaitility.Awaitility.await;

import cn.jiesu.gateway.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SIP user agent for the phone-line tests: Debian's baresip, registered to the lab's PJSIP as one of the
 * softphone endpoints (8001-8010, password {@code JIESU_TEST_SIP_SECRET}) and driven over its ctrl_tcp socket
 * (netstring JSON commands: dial, sndcode, hangup). It sends a 440 Hz tone as its microphone and RFC 4733 DTMF.
 * Its output goes to a log file in its directory: a forked test JVM's stdout belongs to the test runner.
 */
final class Baresip implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final Socket control;
    private final Queue<JsonObject> messages = new ConcurrentLinkedQueue<>();
    private final Thread reader;
    private final AtomicInteger tokens = new AtomicInteger();

    /** Starts baresip as endpoint {@code user} and waits until the lab accepted its registration. */
    Baresip(String user) throws IOException {
        dir = Files.createTempDirectory("jiesu-baresip-");
        int sipPort = freePort();
        int ctrlPort = freePort();
        String lab = "127.0.0.1:" + TestServices.require("JIESU_TEST_SIP_PORT");
        Files.writeString(
                dir.resolve("config"),
                String.join(
                        "\n",
                        "poll_method epoll",
                        "net_interface 127.0.0.1",
                        "sip_listen 127.0.0.1:" + sipPort,
                        "call_max_calls 4",
                        // ausine makes the microphone a tone; it only runs at 48 kHz stereo, baresip resamples for PCMU
                        "audio_source ausine,440",
                        "ausrc_srate 48000",
                        "ausrc_channels 2",
                        "audio_player aubridge,nil",
                        "audio_alert aubridge,nil",
                        "module_path /usr/lib/baresip/modules",
                        "module g711.so",
                        "module ausine.so",
                        "module aubridge.so",
                        "module account.so",
                        "module menu.so",
                        "module ctrl_tcp.so",
                        "ctrl_tcp_listen 127.0.0.1:" + ctrlPort,
                        ""));
        Files.writeString(
                dir.resolve("accounts"),
                "<sip:" + user + "@" + lab + ";transport=udp>;auth_pass="
                        + TestServices.require("JIESU_TEST_SIP_SECRET") + ";regint=300;audio_codecs=PCMU\n");
        Files.writeString(dir.resolve("contacts"), "");
        String binary = System.getenv().getOrDefault("JIESU_TEST_BARESIP", "baresip");
        process = new ProcessBuilder(binary, "-f", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.log").toFile())
                .start();
        try {
            control = await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> new Socket("127.0.0.1", ctrlPort), s -> s != null);
            reader = Thread.ofPlatform().daemon().name("baresip-ctrl").start(this::read);
            // Asked rather than awaited as an event: REGISTER_OK may come before the control socket is connected.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> request("reginfo").contains("OK"));
        } catch (RuntimeException e) {
            process.destroyForcibly(); // nobody will close what a failed constructor made
            throw new IllegalStateException("baresip did not register; its log:\n" + log(), e);
        }
    }

    /** Calls {@code number} at the lab and waits until the call is answered. */
    void dial(String number) throws IOException {
        command("dial", "sip:" + number + "@127.0.0.1:" + TestServices.require("JIESU_TEST_SIP_PORT"));
        await().atMost(Duration.ofSeconds(15)).until(() -> saw("CALL_ESTABLISHED"));
    }

    /** Presses {@code key} on the current call (RFC 4733 telephone-event). */
    void press(String key) throws IOException {
        command("sndcode", key);
    }

    void hangUp() throws IOException {
        command("hangup", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> saw("CALL_CLOSED"));
    }

    /** An event of this type has come from baresip (REGISTER_OK, CALL_ESTABLISHED, CALL_CLOSED ...). */
    boolean saw(String type) {
        return messages.stream().anyMatch(m -> m.getBoolean("event", false) && type.equals(m.getString("type")));
    }

    /** Runs {@code command} and returns its response's text. */
    private String request(String command) throws IOException {
        String token = command + "-" + tokens.incrementAndGet();
        send(command, "", token);
        return await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> messages.stream()
                                .filter(m -> m.getBoolean("response", false) && token.equals(m.getString("token")))
                                .map(m -> m.getString("data", ""))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private void command(String command, String params) throws IOException {
        send(command, params, command);
    }

    private synchronized void send(String command, String params, String token) throws IOException {
        byte[] json = new JsonObject()
                .put("command", command)
                .put("params", params)
                .put("token", token)
                .encode()
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = control.getOutputStream();
        out.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.write(',');
        out.flush();
    }

    /** Netstrings from ctrl_tcp: {@code <length>:<json>,}. */
    private void read() {
        try {
            InputStream in = control.getInputStream();
            while (true) {
                int length = 0;
                for (int c = in.read(); c != ':'; c = in.read()) {
                    if (c < 0) {
                        return;
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length || in.read() != ',') {
                    return;
                }
                messages.add(new JsonObject(new String(body, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** baresip's own log, for a failing test's message. */
    String log() {
        try {
            return Files.readString(dir.resolve("baresip.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            command("quit", "");
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        control.close();
        reader.join(2_000);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
