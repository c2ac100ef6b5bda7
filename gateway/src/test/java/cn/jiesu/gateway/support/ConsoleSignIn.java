package cn.jiesu.gateway.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.jiesu.core.console.PasswordHasher;
import cn.jiesu.redis.RedisClients;
import com.microsoft.playwright.Page;
import java.security.SecureRandom;
import java.util.Map;

/** The console's sign-in as the browser tests do it, and the accounts they sign in with. */
public final class ConsoleSignIn {
    private ConsoleSignIn() {}

    /** The password {@link #storeAccounts} gives an extension. */
    public static String password(String ext) {
        return "secret-" + ext;
    }

    /**
     * Stores console accounts where the gateway reads them ({@code <prefix>console:account:<ext>}), each with the
     * password {@link #password}.
     *
     * @param accounts extension → {@code name/role}, e.g. {@code 8100 → 张主管/supervisor}
     */
    public static void storeAccounts(RedisClients redis, String prefix, Map<String, String> accounts) {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        accounts.forEach((ext, who) -> redis.shared()
                .sync()
                .hset(
                        prefix + "console:account:" + ext,
                        Map.of(
                                "name",
                                who.substring(0, who.indexOf('/')),
                                "role",
                                who.substring(who.indexOf('/') + 1),
                                "password-hash",
                                hasher.hash(password(ext).toCharArray(), PasswordHasher.MIN_ITERATIONS))));
    }

    /** Opens the console at {@code base} and fills the sign-in form, not yet sent. */
    public static void fill(Page page, String base, String ext, String password) {
        page.navigate(base + "/console/");
        page.locator("#login-ext").fill(ext);
        page.locator("#login-password").fill(password);
    }

    /** Sends the filled sign-in form and waits until the console's socket is up. */
    public static void submit(Page page) {
        page.locator("#login-form button[type=submit]").click();
        assertThat(page.locator("[data-testid=conn]")).hasAttribute("data-up", "true");
    }

    /** Signs {@code ext} in on the console at {@code base}; returns once the console's socket is up. */
    public static void signIn(Page page, String base, String ext, String password) {
        fill(page, base, ext, password);
        submit(page);
    }
}
