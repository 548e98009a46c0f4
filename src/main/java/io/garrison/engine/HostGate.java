package io.garrison.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What real web servers ask of a client, kept by the dispatcher for download tasks: at most {@code maxPerHost}
 * of one host's tasks in the workers' hands at once (a server limits connections per client and answers 503
 * beyond), and none to a host that is paused: until its Retry-After, or for a back-off after a passing failure.
 * Tasks of other kinds have no host here and pass.
 *
 * <p>Threading: accessed only under the pool's lock.
 */
final class HostGate {

    /** The first back-off of a host that failed without saying how long to wait; it doubles per attempt. */
    private static final long FIRST_BACKOFF_NANOS = 500_000_000L;
    private static final long LONGEST_BACKOFF_NANOS = 30_000_000_000L;
    /** Retry-After beyond this is taken as this: a run does not sleep for a day on one header. */
    private static final long LONGEST_PAUSE_NANOS = 600_000_000_000L;

    /** 0: no limit. */
    private int maxPerHost;
    private final Map<String, Long> pausedUntil = new HashMap<>();
    /**
     * Hosts that answered 429 and how many of their tasks may be out at once now: one after the 429, one more
     * each {@link #STEP_UP_NANOS} without another (additive increase, as TCP does after a loss), until the
     * usual limit is back.
     */
    private final Map<String, Slowed> slowed = new HashMap<>();
    private static final long STEP_UP_NANOS = 10_000_000_000L;
    /** Where a host with no limit stops being slowed down. */
    private static final int UNLIMITED_STEPS = 64;

    /** A host's lowered limit and when it next goes up ({@link System#nanoTime()}). */
    private static final class Slowed {
        int limit = 1;
        long stepUpAt;

        Slowed(long stepUpAt) {
            this.stepUpAt = stepUpAt;
        }
    }

    HostGate(int maxPerHost) {
        this.maxPerHost = maxPerHost;
    }

    /** A new limit from now on; tasks already out stay out. */
    void maxPerHost(int tasks) {
        this.maxPerHost = tasks;
    }

    /** The host (and port) a task's requests go to, or null for a task that is not a download. */
    static String hostOf(Submission submission, int position) {
        if (!"download".equals(submission.function.kind())) {
            return null;
        }
        return submission.webHost(position, HostGate::hostOfUrl);
    }

    private static String hostOfUrl(Object input) {
        try {
            URI uri = new URI(String.valueOf(input).strip());
            String host = uri.getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT) + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Whether any of the submission's tasks may be held back here. */
    static boolean gates(Submission submission) {
        return "download".equals(submission.function.kind());
    }

    /** Whether a task of {@code host} may go to a worker now, with {@code busy} of its tasks in workers' hands. */
    boolean admits(String host, int busy, long now) {
        if (host == null) {
            return true;
        }
        Long until = pausedUntil.get(host);
        if (until != null) {
            if (now - until < 0) {
                return false;
            }
            pausedUntil.remove(host);
        }
        Slowed slow = slowed.get(host);
        if (slow != null) {
            while (now - slow.stepUpAt >= 0) {
                slow.limit++;
                slow.stepUpAt += STEP_UP_NANOS;
            }
            if (slow.limit >= (maxPerHost == 0 ? UNLIMITED_STEPS : maxPerHost)) {
                slowed.remove(host);
                slow = null;
            }
        }
        int limit = slow != null ? slow.limit : maxPerHost;
        return limit == 0 || busy < limit;
    }

    /**
     * Pauses a host after a passing failure: for what it asked, or for a back-off that doubles with the task's
     * attempts, with jitter so that the tasks of many workers do not come back at once.
     */
    /** A host's pause as decided: how long, and how many of its tasks may be out at once after it (0: any). */
    record Pause(String host, long nanos, int atOnce) {
    }

    Pause pause(String host, HostTrouble trouble, int attempts, long now) {
        if (host == null) {
            return null;
        }
        long pause;
        if (trouble.retryAfterMs() > 0) {
            pause = Math.min(LONGEST_PAUSE_NANOS, trouble.retryAfterMs() * 1_000_000L);
        } else {
            long backoff = Math.min(LONGEST_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(16, Math.max(0, attempts - 1)));
            pause = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        }
        long until = now + pause;
        pausedUntil.merge(host, until, (a, b) -> b - a > 0 ? b : a);
        if (trouble.tooManyRequests()) {
            slowed.put(host, new Slowed(until + STEP_UP_NANOS));
        }
        Slowed slow = slowed.get(host);
        return new Pause(host, pause, slow != null ? slow.limit : maxPerHost);
    }

    /** Whether some host is paused: the dispatcher is then woken by time, not only by events. */
    boolean hasPauses() {
        return !pausedUntil.isEmpty();
    }

    /** The hosts paused now and until when ({@link System#nanoTime()}). */
    Map<String, Long> pauses() {
        return Map.copyOf(pausedUntil);
    }
}
