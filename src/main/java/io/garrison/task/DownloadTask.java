package io.garrison.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Fetches an http(s) URL inside the worker and saves it in the output folder, under the name its URL and list
 * give it ({@link DownloadNames}) whatever was there before. The body goes to a temporary file first and is
 * renamed only once complete, so a file with its final name is always whole. What a rerun reuses, the parts of
 * bodies not yet whole ({@link ResumableParts}) and the validators of saved files under
 * {@link TaskOptions#TIMESTAMPING} ({@link DownloadStamps}), lives in hidden files beside them (decision 0025).
 *
 * <p>Uses the JDK's {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building the latter
 * loads the TLS stack and trust store even for plain http, about 0.5 s per fresh worker here against 0.1 s,
 * which a pool pays once per worker on every run (docs/decisions/0004-download-client.md). Connections are
 * kept alive between a worker's tasks by the JDK either way.
 */
public final class DownloadTask implements TaskKind {

    static final int MAX_REDIRECTS = 5;
    /** Who asks: servers' logs and rate limits tell Garrison's requests from others by it. */
    static final String DEFAULT_USER_AGENT = "Garrison/" + BuildInfo.version();
    private static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    private static final long PROGRESS_STEP_BYTES = 64 * 1024;

    /** The output folder this worker already made: made once, not on every task (an exception each time). */
    private Path madeDir;
    /** The names of the run whose options these are: read once per run, not on every task. */
    private DownloadNames names;
    private TaskOptions namedBy;

    @Override
    public String name() {
        return "download";
    }

    @Override
    public Optional<String> validate(String input, TaskOptions options) {
        return problemWith(input);
    }

    /** Why a line is not a URL this kind will fetch, or empty. */
    public static Optional<String> problemWith(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return Optional.of(c == ' ' ? "a URL may not contain spaces: " + Inputs.quote(input)
                        : "a URL may not contain control characters: " + Inputs.quote(input));
            }
        }
        URI uri;
        try {
            uri = new URI(input);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL (" + e.getReason() + "): " + Inputs.quote(input));
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("only http and https URLs can be downloaded: " + Inputs.quote(input));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("the URL has no host: " + Inputs.quote(input));
        }
        return Optional.empty();
    }

    @Override
    public String execute(String input, TaskContext context) throws Exception {
        TaskOptions options = context.options();
        Path dir = options.outputDir();
        if (!dir.equals(madeDir)) {
            Files.createDirectories(dir);
            madeDir = dir;
        }
        if (options != namedBy) {
            names = DownloadNames.of(options);
            namedBy = options;
        }
        String name = names.fileName(input);
        Optional<DownloadStamps.Stamp> stamp = options.isOn(TaskOptions.TIMESTAMPING)
                ? DownloadStamps.of(dir, input, name) : Optional.empty();
        ResumableParts.Kept kept = ResumableParts.claim(dir, input).orElse(null);
        try {
            Answer answer = request(new URI(input), options, kept, stamp);
            HttpURLConnection connection = answer.connection();
            int status = answer.status();
            if (status == 304 && stamp.isPresent()) {
                // The file is as the server has it: left untouched, and so is its stamp.
                discard(connection);
                kept = drop(kept, dir, input);
                return name;
            }
            if (status == 416 && kept != null) {
                discard(connection);
                kept = drop(kept, dir, input);
                throw TaskFailure.passing("HTTP 416 for the rest of " + answer.uri() + ": starting over", 0);
            }
            if (status < 200 || status > 299) {
                String retryAfter = connection.getHeaderField("Retry-After");
                discard(connection);
                throw failureFor(status, answer.uri(), retryAfter);
            }
            ResumableParts.Kept continued = status == 206 ? continuing(kept, connection) : null;
            if (status == 206 && continued == null) {
                discard(connection);
                kept = drop(kept, dir, input);
                throw TaskFailure.passing("HTTP 206 from " + answer.uri() + " with another range than asked: "
                        + "starting over", 0);
            }
            if (continued == null) {
                // A full body instead of the rest: the server ignores Range or the file changed.
                kept = drop(kept, dir, input);
            }
            kept = null;
            save(connection, continued, dir, name, input, context);
            return name;
        } finally {
            if (kept != null) {
                // Not continued this time (an error status, a reset): the part waits for the next attempt.
                ResumableParts.keep(kept.part(), dir, input, kept.validator());
            }
        }
    }

    /** A server's answer that is no redirect: its connection, the URL that gave it and its status. */
    private record Answer(HttpURLConnection connection, URI uri, int status) {
    }

    /**
     * Asks for {@code uri}, following redirects, with what is kept of it: the rest of a part ({@code Range} and
     * {@code If-Range}), or whether a saved file changed ({@code If-None-Match}, {@code If-Modified-Since}).
     */
    private static Answer request(URI uri, TaskOptions options, ResumableParts.Kept kept,
                                  Optional<DownloadStamps.Stamp> stamp) throws TaskFailure, IOException {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, options.get(TaskOptions.REQUEST_TIMEOUT_MS)
                .map(Long::parseLong).orElse(DEFAULT_REQUEST_TIMEOUT_MS));
        String userAgent = options.get(TaskOptions.USER_AGENT).orElse(DEFAULT_USER_AGENT);
        for (int redirects = 0; ; redirects++) {
            if (options.isOn(TaskOptions.ROBOTS)) {
                // Every hop: a redirect may lead into a part of a host (or another host) that robots keep out.
                RobotsRules.check(uri, userAgent, timeoutMs);
            }
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            // Redirects are followed by hand so that their number is bounded and every hop is checked.
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(Math.min(timeoutMs, 10_000));
            connection.setReadTimeout(timeoutMs);
            connection.setRequestProperty("User-Agent", userAgent);
            if (kept != null) {
                // The rest of a body cut off before, if the server still has the same file; else all of it.
                connection.setRequestProperty("Range", "bytes=" + kept.size() + "-");
                connection.setRequestProperty("If-Range", kept.validator());
            }
            if (stamp.isPresent() && stamp.get().etag() != null) {
                connection.setRequestProperty("If-None-Match", stamp.get().etag());
            }
            if (stamp.isPresent() && stamp.get().lastModified() != null) {
                connection.setRequestProperty("If-Modified-Since", stamp.get().lastModified());
            }
            int status;
            try {
                status = connection.getResponseCode();
            } catch (javax.net.ssl.SSLHandshakeException refused) {
                throw TaskFailure.permanent("TLS refused by " + uri.getHost() + ": " + refused.getMessage());
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // The host is busy or away for now: paused, then tried again within the retries.
                throw TaskFailure.passing(e.getClass().getSimpleName() + " from " + uri + ": " + e.getMessage(), 0);
            }
            if (!isRedirect(status)) {
                return new Answer(connection, uri, status);
            }
            String location = connection.getHeaderField("Location");
            discard(connection);
            if (redirects == MAX_REDIRECTS) {
                throw new TaskFailure("more than " + MAX_REDIRECTS + " redirects, last to " + uri);
            }
            uri = redirectTarget(uri, status, location);
        }
    }

    /** Deletes a claimed part that will not be continued, with its validator; returns null, what is left of it. */
    private static ResumableParts.Kept drop(ResumableParts.Kept kept, Path dir, String url) throws IOException {
        if (kept != null) {
            Files.deleteIfExists(kept.part());
            ResumableParts.remove(dir, url);
        }
        return null;
    }

    /**
     * What an error status means for trying again: a missing page or a refusal stays so (never retried); being
     * told to slow down or that the server is busy passes (the host is paused, for its Retry-After if it gave
     * one); anything else is for the pool's retries to decide.
     */
    static TaskFailure failureFor(int status, URI uri, String retryAfter) {
        String reason = "HTTP " + status + " from " + uri;
        return switch (status) {
            case 401, 403, 404, 410 -> TaskFailure.permanent(reason);
            case 429 -> TaskFailure.tooMany(reason, RetryAfter.millis(retryAfter, System.currentTimeMillis()));
            case 502, 503, 504 -> TaskFailure.passing(reason, RetryAfter.millis(retryAfter, System.currentTimeMillis()));
            default -> new TaskFailure(reason);
        };
    }

    /** A strong ETag, else Last-Modified: what If-Range can check; null when the server gives neither. */
    private static String validatorOf(HttpURLConnection connection) {
        String etag = connection.getHeaderField("ETag");
        if (etag != null && !etag.startsWith("W/")) {
            return etag;
        }
        return connection.getHeaderField("Last-Modified");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Reads an unwanted body to its end, so the connection can be reused for the next task. */
    private static void discard(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream() != null ? connection.getErrorStream() : connection.getInputStream()) {
            error.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    private static URI redirectTarget(URI from, int status, String location) throws TaskFailure {
        if (location == null) {
            throw new TaskFailure("HTTP " + status + " without a Location from " + from);
        }
        URI next;
        try {
            next = from.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TaskFailure("redirect to an invalid URL: " + Inputs.quote(location));
        }
        Optional<String> problem = problemWith(next.toString());
        if (problem.isPresent()) {
            throw new TaskFailure("redirect refused: " + problem.get());
        }
        return next;
    }

    /** The kept part a 206 continues, or null when its Content-Range does not start where the part ends. */
    private static ResumableParts.Kept continuing(ResumableParts.Kept kept, HttpURLConnection connection) {
        String range = connection.getHeaderField("Content-Range");
        if (kept == null || range == null || !range.startsWith("bytes " + kept.size() + "-")) {
            return null;
        }
        return kept;
    }

    /**
     * Writes the body to a temporary file (or onto the end of a claimed part) and publishes it under its name when
     * complete. A body cut short is kept for a Range request on the next attempt when the server named a
     * validator, and the task fails as passing. Before the first byte the validator and the file are noted, so that
     * a run killed meanwhile leaves what came to be continued ({@code --continue}).
     */
    private void save(HttpURLConnection connection, ResumableParts.Kept continued, Path dir, String name, String url,
                      TaskContext context) throws IOException, TaskFailure {
        long already = continued == null ? 0 : continued.size();
        long length = connection.getContentLengthLong();
        long total = length < 0 ? -1 : already + length;
        String validator = validatorOf(connection);
        if (validator == null && continued != null) {
            validator = continued.validator();
        }
        Path tempPath;
        OutputStream tempOut;
        if (continued != null) {
            tempPath = continued.part();
            tempOut = Files.newOutputStream(tempPath, StandardOpenOption.APPEND);
        } else {
            SafeFileNames.Temporary temp;
            try {
                temp = SafeFileNames.openTemporary(dir);
            } catch (NoSuchFileException folderRemoved) {
                // Someone removed the output folder during the run: make it again, as the first task did.
                Files.createDirectories(dir);
                temp = SafeFileNames.openTemporary(dir);
            }
            tempPath = temp.path();
            tempOut = temp.out();
        }
        boolean published = false;
        boolean kept = false;
        try (OutputStream out = tempOut; InputStream in = connection.getInputStream()) {
            if (validator != null) {
                ResumableParts.announce(dir, url, validator, tempPath);
            }
            long done = already;
            long nextReport = 0;
            boolean cutShort = false;
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    if (done >= nextReport) {
                        context.progress(done, total);
                        nextReport = done + PROGRESS_STEP_BYTES;
                    }
                }
            } catch (IOException closedEarly) {
                // The server (or the network) dropped the connection mid-body: what came is kept below.
                cutShort = true;
            }
            out.close();
            if (cutShort || total >= 0 && done != total) {
                if (validator != null && done > 0) {
                    ResumableParts.keep(tempPath, dir, url, validator);
                    kept = true;
                }
                String reason = "connection closed after " + done + " of " + (total >= 0 ? total : "unknown")
                        + " bytes" + (kept ? "; the rest is asked for next time" : "");
                // A body that came in part and is continued by Range is tried again at once: the host served,
                // and pausing it for every worker would cost each cut file a back-off. One that must start
                // over waits as for any passing trouble.
                throw kept ? new TaskFailure(reason) : TaskFailure.passing(reason, 0);
            }
            context.progressDone(done, total);
            Path saved = SafeFileNames.publishAs(tempPath, dir, name);
            published = true;
            if (context.options().isOn(TaskOptions.TIMESTAMPING)) {
                DownloadStamps.record(dir, url, saved, connection.getHeaderField("ETag"),
                        connection.getHeaderField("Last-Modified"));
            }
        } finally {
            if (!published && !kept) {
                Files.deleteIfExists(tempPath);
            }
            if (!kept && validator != null) {
                ResumableParts.remove(dir, url);
            }
        }
    }
}
