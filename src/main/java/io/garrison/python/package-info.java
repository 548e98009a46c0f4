/**
 * Python's own {@code multiprocessing.pool}, drawn live: a student's script runs with the machine's {@code python3}
 * and a small probe (Garrison's resource {@code python/garrison_probe.py}) that makes Python's workers report the
 * events of the {@code --json} stream. Depends on the engine's event types and the stream reader, never on the
 * command line or the desktop app.
 */
package io.garrison.python;
