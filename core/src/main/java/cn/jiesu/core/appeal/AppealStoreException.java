package cn.jiesu.core.appeal;

/**
 * Why an {@link AppealStore} stage failed, typed so callers pick retry or give up (and an HTTP status) by
 * {@code instanceof}, never by reading the message. Nothing was acknowledged when a stage fails with one of these;
 * after a {@link Timeout} the write may still have happened, which is safe because appends are idempotent.
 */
public abstract sealed class AppealStoreException extends RuntimeException
        permits AppealStoreException.Timeout, AppealStoreException.Unavailable, AppealStoreException.Failed {

    private AppealStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same call may succeed later (the store is slow, down or overloaded, not wrong). */
    public abstract boolean retriable();

    /** The store did not answer within the command timeout. Retriable. */
    public static final class Timeout extends AppealStoreException {
        public Timeout(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    /** The store is not reachable or refuses work for now (disconnected, loading, out of memory, queue full). */
    public static final class Unavailable extends AppealStoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    /** The store answered with an error that retrying will not fix (a bug, corrupt data, wrong key type). */
    public static final class Failed extends AppealStoreException {
        public Failed(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }
}
