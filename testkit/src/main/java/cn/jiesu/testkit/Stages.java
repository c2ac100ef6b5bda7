package cn.jiesu.testkit;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting on the stages our non-blocking ports return. */
public final class Stages {
    private Stages() {}

    /**
     * The stage's value within 10 s. A stage failed with a RuntimeException rethrows it as is (so tests can assert
     * on the store's own exception); any other failure, or the timeout, is an {@link IllegalStateException}.
     */
    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
