package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.garrison.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download list run again over the folder an earlier run filled, against real web hosts on loopback addresses
 * of their own (127.0.0.20 to 127.0.0.25): every URL keeps its file's name whatever ends first, and
 * {@code --no-clobber}, {@code --continue} and {@code --timestamping} mean what they mean to wget.
 */
@Timeout(240)
class DownloadRerunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRerunWithNoClobberAsksForNothingAndLeavesTheFolderAsItWas() throws Exception {
        try (RerunWebHost host = new RerunWebHost("127.0.0.20")) {
            Path list = Files.write(dir.resolve("urls.txt"),
                    List.of(host.url("/a.bin"), host.url("/b.bin"), host.url("/c.html")));
            Path out = dir.resolve("pages");
            CliProcess first = download(list, out);
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            List<String> before = states(out);
            int asked = host.requests();

            CliProcess json = download(list, out, "--no-clobber", "--json");
            CliProcess plain = download(list, out, "--no-clobber");

            assertThat(host.requests()).as("requests of the two reruns").isEqualTo(asked);
            assertThat(states(out)).as("names, sizes, times and inodes").isEqualTo(before);
            assertThat(json.exitCode()).as(json.stderr()).isZero();
            List<JsonNode> succeeded = events(json.stdout(), "task-succeeded");
            assertThat(succeeded).hasSize(3).allSatisfy(event -> {
                assertThat(event.path("alreadyThere").asBoolean()).isTrue();
                assertThat(event.path("pid").asLong()).isZero();
                assertThat(out.resolve(event.path("result").asText())).exists();
            });
            assertThat(events(json.stdout(), "run-finished").get(0).path("succeeded").asInt()).isEqualTo(3);
            assertThat(plain.exitCode()).as(plain.stderr()).isZero();
            assertThat(plain.stdout().lines().sorted().toList()).as("the files' names, as the first run printed them")
                    .isEqualTo(first.stdout().lines().sorted().toList());
            assertThat(plain.stderr().strip())
                    .isEqualTo("3 download(s) not fetched: their files were already in the output folder (--no-clobber)");
        }
    }

    @Test
    void twoUrlsThatDeriveOneNameGetTheSameTwoNamesWhicheverEndsFirst() throws Exception {
        try (RerunWebHost one = new RerunWebHost("127.0.0.21"); RerunWebHost other = new RerunWebHost("127.0.0.21")) {
            String oneData = one.url("/data.bin");
            String otherData = other.url("/data.bin");
            String solo = one.url("/solo.bin");
            Path outA = dir.resolve("a");
            Path outB = dir.resolve("b");

            one.holdUntil("/data.bin", () -> holdsADataFile(outA));
            CliProcess runA = download(Files.write(dir.resolve("a.txt"), List.of(oneData, otherData, solo)), outA,
                    "-p", "3", "--json");
            one.holdUntil("/data.bin", () -> true);
            other.holdUntil("/data.bin", () -> holdsADataFile(outB));
            CliProcess runB = download(Files.write(dir.resolve("b.txt"), List.of(otherData, oneData, solo)), outB,
                    "-p", "3", "--json");

            assertThat(runA.exitCode()).as(runA.stderr()).isZero();
            assertThat(runB.exitCode()).as(runB.stderr()).isZero();
            assertThat(finishingOrder(runA)).as("run A").containsSubsequence(otherData, oneData);
            assertThat(finishingOrder(runB)).as("run B").containsSubsequence(oneData, otherData);
            Map<String, String> names = savedNames(runA);
            assertThat(savedNames(runB)).isEqualTo(names);
            assertThat(names).containsEntry(oneData, "127.0.0.21_data__" + key(oneData) + ".bin")
                    .containsEntry(otherData, "127.0.0.21_data__" + key(otherData) + ".bin")
                    .containsEntry(solo, "127.0.0.21_solo.bin");
            for (Path out : List.of(outA, outB)) {
                assertThat(Files.readAllBytes(out.resolve(names.get(oneData)))).isEqualTo(one.content("/data.bin"));
                assertThat(Files.readAllBytes(out.resolve(names.get(otherData)))).isEqualTo(other.content("/data.bin"));
            }
            assertThat(listing(outB)).isEqualTo(listing(outA)).hasSize(3);
        }
    }

    @Test
    void continueAfterARunKilledMidBodyAsksForTheRestAndEndsByteIdentical() throws Exception {
        try (RerunWebHost host = new RerunWebHost("127.0.0.22")) {
            Path list = Files.write(dir.resolve("urls.txt"), List.of(host.url("/big.bin")));
            Path out = dir.resolve("pages");
            int half = killMidBody(host, "/big.bin", list, out);

            CliProcess rerun = download(list, out, "--continue");

            assertThat(host.ranges()).as("the rerun's Range").containsExactly("bytes=" + half + "-");
            assertWholeAndAlone(rerun, out, "127.0.0.22_big.bin", host.content("/big.bin"));
        }
    }

    @Test
    void withoutContinueWhatAKilledRunLeftIsNotUsedAndGoes() throws Exception {
        try (RerunWebHost host = new RerunWebHost("127.0.0.23")) {
            Path list = Files.write(dir.resolve("urls.txt"), List.of(host.url("/big.bin")));
            Path out = dir.resolve("pages");
            killMidBody(host, "/big.bin", list, out);
            assertThat(listing(out)).as("the killed run's part and its validator")
                    .anySatisfy(name -> assertThat(name).matches("\\.garrison-\\d+-[0-9a-z]+\\.part"))
                    .anySatisfy(name -> assertThat(name).matches("\\.garrison-resume-[0-9a-f]{12}\\.validator"));

            CliProcess rerun = download(list, out);

            assertThat(host.ranges()).as("Range requests").isEmpty();
            assertWholeAndAlone(rerun, out, "127.0.0.23_big.bin", host.content("/big.bin"));
        }
    }

    @Test
    void aDownloadKilledByItsTimeoutIsContinuedByItsRetry() throws Exception {
        try (RerunWebHost host = new RerunWebHost("127.0.0.25")) {
            Path list = Files.write(dir.resolve("urls.txt"), List.of(host.url("/big.bin")));
            Path out = dir.resolve("pages");
            int half = host.content("/big.bin").length / 2;
            host.stallHalfway("/big.bin");

            // Long enough for a worker on a loaded machine to have its first request answered before the timeout
            // kills it (3 s was not, once, in CI with three suites on two cores); the host holds the rest for 60 s.
            CliProcess run = download(list, out, "--timeout", "8", "--retries", "1");

            assertThat(host.ranges()).as("the retry's Range").containsExactly("bytes=" + half + "-");
            assertWholeAndAlone(run, out, "127.0.0.25_big.bin", host.content("/big.bin"));
        }
    }

    @Test
    void timestampingGets304AndLeavesTheFileAloneUntilItsETagChanges() throws Exception {
        try (RerunWebHost host = new RerunWebHost("127.0.0.24")) {
            Path list = Files.write(dir.resolve("urls.txt"), List.of(host.url("/page.html")));
            Path out = dir.resolve("pages");
            Path saved = out.resolve("127.0.0.24_page.html");
            CliProcess first = download(list, out, "--timestamping");
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            BasicFileAttributes before = Files.readAttributes(saved, BasicFileAttributes.class);

            CliProcess unchanged = download(list, out, "--timestamping");

            assertThat(unchanged.exitCode()).as(unchanged.stderr()).isZero();
            assertThat(unchanged.stdout().strip()).isEqualTo("127.0.0.24_page.html");
            assertThat(host.notModified()).as("304s").isOne();
            assertThat(host.bodies()).as("bodies sent").isOne();
            BasicFileAttributes after = Files.readAttributes(saved, BasicFileAttributes.class);
            assertThat(after.fileKey()).as("inode").isEqualTo(before.fileKey());
            assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());

            host.changeFiles();
            CliProcess changed = download(list, out, "--timestamping");

            assertThat(changed.exitCode()).as(changed.stderr()).isZero();
            assertThat(host.notModified()).as("304s").isOne();
            assertThat(host.bodies()).as("bodies sent").isEqualTo(2);
            assertThat(Files.readAllBytes(saved)).isEqualTo(host.content("/page.html"));
            assertThat(listing(out)).as("the file and its stamp, hidden")
                    .containsExactly(".garrison-stamp-" + key(host.url("/page.html"), 12), "127.0.0.24_page.html");
        }
    }

    @Test
    void theRerunOptionsAreRefusedWhereTheyMeanNothingOrContradictEachOther() throws Exception {
        Path list = Files.write(dir.resolve("list.txt"), List.of("1", "2"));

        CliProcess both = CliProcess.run(dir, "", "run", "-k", "download", "--no-clobber", "--timestamping",
                list.toString());
        CliProcess squares = CliProcess.run(dir, "", "run", "--continue", list.toString());

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).startsWith("garrison run: --no-clobber keeps every file").doesNotContain("Exception");
        assertThat(squares.exitCode()).isEqualTo(2);
        assertThat(squares.stderr().strip())
                .isEqualTo("garrison run: --no-clobber, --continue and --timestamping are for -k download");
    }

    /** The run succeeded and left {@code name}, holding {@code content}, and nothing else in {@code out}. */
    private static void assertWholeAndAlone(CliProcess run, Path out, String name, byte[] content) throws IOException {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readAllBytes(out.resolve(name))).isEqualTo(content);
        assertThat(listing(out)).as("nothing else left").containsExactly(name);
    }

    private CliProcess download(Path list, Path out, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "-k", "download", "-o", out.toString()));
        args.addAll(Arrays.asList(options));
        args.add(list.toString());
        return CliProcess.run(dir, "", args.toArray(String[]::new));
    }

    /**
     * Runs the list until the host has sent half of {@code path}'s body and the worker has written it, then kills
     * the run with SIGKILL and waits for its workers to be gone. Returns how many bytes were sent.
     */
    private int killMidBody(RerunWebHost host, String path, Path list, Path out) throws Exception {
        int half = host.content(path).length / 2;
        CountDownLatch halfSent = host.stallHalfway(path);
        Process run = CliProcess.start(dir, "run", "-k", "download", "-p", "1", "-o", out.toString(), list.toString());
        try {
            assertThat(halfSent.await(60, TimeUnit.SECONDS)).as("half the body sent").isTrue();
            Await.await("half the body written to a temporary file", () -> holdsAPartOf(out, half),
                    Duration.ofSeconds(30));
            List<ProcessHandle> workers = run.descendants().toList();
            assertThat(workers).as("the run's workers").isNotEmpty();
            run.destroyForcibly();
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle worker : workers) {
                worker.onExit().get(30, TimeUnit.SECONDS);
            }
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        return half;
    }

    private static boolean holdsAPartOf(Path out, long bytes) {
        return names(out).stream().anyMatch(name -> name.matches("\\.garrison-\\d+-[0-9a-z]+\\.part")
                && size(out.resolve(name)) >= bytes);
    }

    private static boolean holdsADataFile(Path out) {
        return names(out).stream().anyMatch(name -> name.startsWith("127.0.0.21_data"));
    }

    /** The inputs of a run's task-succeeded events, in the order the tasks ended. */
    private static List<String> finishingOrder(CliProcess run) {
        return events(run.stdout(), "task-succeeded").stream().map(event -> event.path("input").asText()).toList();
    }

    private static Map<String, String> savedNames(CliProcess run) {
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode event : events(run.stdout(), "task-succeeded")) {
            names.put(event.path("input").asText(), event.path("result").asText());
        }
        return names;
    }

    private static List<JsonNode> events(String stdout, String type) {
        return stdout.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(event -> event.path("type").asText().equals(type)).toList();
    }

    /** Each file of the folder with its size, modification time, inode and a hash of its bytes. */
    private static List<String> states(Path out) throws IOException {
        List<String> states = new ArrayList<>();
        for (String name : listing(out)) {
            Path file = out.resolve(name);
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            states.add(name + " " + attributes.size() + " " + attributes.lastModifiedTime() + " "
                    + attributes.fileKey() + " " + Arrays.hashCode(Files.readAllBytes(file)));
        }
        return states;
    }

    private static List<String> listing(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> names(Path out) {
        try {
            return listing(out);
        } catch (IOException notYet) {
            return List.of();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }

    /** What tells apart the files of URLs that would share a name: the first 8 hex digits of the URL's SHA-256. */
    private static String key(String url) {
        return key(url, 8);
    }

    private static String key(String url, int digits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, digits);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
