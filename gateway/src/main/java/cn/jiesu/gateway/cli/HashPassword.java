package cn.jiesu.gateway.cli;

import cn.jiesu.core.console.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * {@code jiesu hash-password}: prints the {@code console.agents.<ext>.password-hash} value for a password, typed
 * twice without echo on a terminal, or read as the first line of standard input. The password itself is never
 * printed, logged or taken as an argument.
 */
public final class HashPassword {
    static final String USAGE = """
            Usage: jiesu hash-password [--iterations N]
              Prints the value of console.agents.<ext>.password-hash (or of password-hash in the Redis account
              <prefix>console:account:<ext>) for a password. The password is typed when asked (not echoed), or
              read as the first line of standard input:  printf '%s\\n' 'the password' | jiesu hash-password
              It is never taken as an argument: arguments stay in shell history and process lists.""";

    private HashPassword() {}

    /** Runs the command; returns the exit status (0 printed a hash, 2 usage or no password). */
    public static int run(String[] args, Console console, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        int iterations = PasswordHasher.DEFAULT_ITERATIONS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (args[i].equals("--iterations") && i + 1 < args.length && args[i + 1].matches("[0-9]{1,9}")) {
                iterations = Integer.parseInt(args[++i]);
            } else {
                // A stray word may be the password itself: never echo it.
                err.println("jiesu: unexpected argument " + (args[i].startsWith("-") ? args[i] : "(hidden)"));
                err.println(USAGE);
                return 2;
            }
        }
        char[] password;
        if (isTerminal(console)) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            boolean same = first != null && again != null && Arrays.equals(first, again);
            PasswordHasher.wipe(again);
            if (!same) {
                err.println("jiesu: the two passwords differ");
                return 2;
            }
            password = first;
        } else {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? null : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            err.println("jiesu: no password given: type it when asked, or pipe it on standard input");
            err.println(USAGE);
            return 2;
        }
        try {
            out.println(new PasswordHasher(new SecureRandom()).hash(password, iterations));
            return 0;
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /**
     * Whether {@code console} is an interactive terminal. From JDK 22 {@link System#console()} may return a console
     * whose input is a pipe; {@code Console.isTerminal()} (JDK 22) tells, and on JDK 21 a console is a terminal.
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
