/**
 * The {@code --json} event stream read back: a line of it becomes the engine's {@link io.garrison.engine.PoolEvent}s
 * again, so anything that draws or judges a pool's events (the desktop app's picture, its self-check) can take them
 * from a pipe, a saved file, a running command line or a Python pool as well as from a pool of its own.
 *
 * <p>A running command line serves its stream to watchers on this machine ({@code garrison run --watch-port}):
 * {@link io.garrison.stream.WatchServer} on the run's side, {@link io.garrison.stream.WatchRegistry} to find the
 * runs, {@link io.garrison.stream.WatchConnection} on the watcher's (docs/CLI.md, "Watching a run").
 */
package io.garrison.stream;
