package cn.jiesu.gateway.console;

import cn.jiesu.core.console.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Prints the {@code console.agents.<ext>.password-hash} value for a password: typed without echo on a terminal, or
 * read as the first line of standard input. The password itself is never printed or logged.
 *
 * <pre>java -cp 'gateway/target/jiesu-gateway-0.1.0-SNAPSHOT.jar:gateway/target/lib/*' \
 *     cn.jiesu.gateway.console.HashPassword [--iterations N]</pre>
 */
public final class HashPassword {
    private HashPassword() {}

    public static void main(String[] args) throws IOException {
        int iterations = PasswordHasher.DEFAULT_ITERATIONS;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--iterations")) {
                iterations = Integer.parseInt(args[i + 1]);
            }
        }
        char[] password = read();
        if (password == null || password.length == 0) {
            System.err.println("jiesu: no password given");
            System.exit(2);
            return;
        }
        try {
            System.out.println(new PasswordHasher(new SecureRandom()).hash(password, iterations));
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    private static char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                System.err.println("jiesu: the two passwords differ");
                System.exit(2);
            }
            PasswordHasher.wipe(again);
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
