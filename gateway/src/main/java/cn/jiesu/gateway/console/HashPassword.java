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

    private static final String USAGE = """
            Usage: HashPassword [--iterations N]
              Prints a console.agents.<ext>.password-hash value. The password is typed when asked (not echoed), or
              read as the first line of standard input:  printf '%s\\n' 'the password' | HashPassword
              It is never taken as an argument: arguments stay in shell history and process lists.""";

    public static void main(String[] args) throws IOException {
        int iterations = PasswordHasher.DEFAULT_ITERATIONS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println(USAGE);
                return;
            } else if (args[i].equals("--iterations") && i + 1 < args.length && args[i + 1].matches("[0-9]{1,9}")) {
                iterations = Integer.parseInt(args[++i]);
            } else {
                System.err.println("jiesu: unexpected argument " + (args[i].startsWith("-") ? args[i] : "(hidden)"));
                System.err.println(USAGE);
                System.exit(2);
                return;
            }
        }
        char[] password = read();
        if (password == null || password.length == 0) {
            System.err.println("jiesu: no password given: type it when asked, or pipe it on standard input");
            System.err.println(USAGE);
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
