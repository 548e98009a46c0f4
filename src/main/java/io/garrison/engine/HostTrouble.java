package io.garrison.engine;

/**
 * A task failed because its host is in passing trouble (429, 502, 503, 504, a reset connection): the host is
 * paused for {@code retryAfterMs} when it said how long (Retry-After), else for a back-off, and the task waits in
 * the queue meanwhile, holding no worker. After a 429 ({@code tooManyRequests}) the host also gets one task at a
 * time for a while.
 */
record HostTrouble(long retryAfterMs, boolean tooManyRequests) {
}
