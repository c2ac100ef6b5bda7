package cn.jiesu.core.console;

import cn.jiesu.core.config.ConfigException;

/**
 * A console user: the extension they sign in with, their display name, role and password hash
 * ({@link PasswordHasher} format). {@link #toString()} leaves the hash out.
 */
public record AgentAccount(String ext, String name, Role role, String passwordHash) {
    public AgentAccount {
        if (ext == null || !ext.matches("\\d{2,8}")) {
            throw new ConfigException("console.agents", "extension must be 2-8 digits, was '" + ext + "'");
        }
        if (role == null) {
            throw new ConfigException("console.agents." + ext + ".role", "required");
        }
        if (passwordHash == null || !PasswordHasher.isHash(passwordHash)) {
            throw new ConfigException(
                    "console.agents." + ext + ".password-hash",
                    "not a pbkdf2-sha256 hash (make one with: jiesu hash-password)");
        }
        name = name == null || name.isBlank() ? ext : name;
    }

    /** The same account with {@code hash} (an upgraded hash of the same password). */
    public AgentAccount withHash(String hash) {
        return new AgentAccount(ext, name, role, hash);
    }

    @Override
    public String toString() {
        return "AgentAccount[" + ext + " " + role + "]";
    }
}
