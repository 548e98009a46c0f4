package io.garrison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads as real servers want them, against three hosts on their own loopback addresses: one that refuses a
 * third request at once (503), one that allows one at a time and says 429 with Retry-After, one that cuts the
 * first body of each file halfway; and a page that is not there.
 */
@Timeout(180)
class PoliteDownloadsTest {

    private static final int FILES_PER_HOST = 8;

    @TempDir
    Path dir;

    @Test
    void everyFileArrivesWholeWithoutOverrunningAHostOrAskingInsideItsRetryAfter() throws Exception {
        try (DemandingWebHost limited = new DemandingWebHost("127.0.0.2", 2, false, false);
             DemandingWebHost oneAtATime = new DemandingWebHost("127.0.0.3", 1, true, false);
             DemandingWebHost cutting = new DemandingWebHost("127.0.0.4", 2, false, true)) {
            List<String> urls = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < FILES_PER_HOST; i++) {
                for (DemandingWebHost host : List.of(limited, oneAtATime, cutting)) {
                    String path = "/file-" + host.url("").hashCode() % 1000 + "-" + i + ".bin";
                    urls.add(host.url(path));
                    paths.add(path);
                }
            }
            urls.add(limited.url("/missing"));
            Path list = Files.write(dir.resolve("urls.txt"), urls);
            Path out = dir.resolve("pages");

            CliProcess run = CliProcess.run(dir, "", "run", "-k", "download", "-p", "12", "--max-per-host", "2",
                    "--retries", "3", "-o", out.toString(), list.toString());

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
            assertThat(run.stderr().lines().toList()).as("only the missing page fails")
                    .singleElement().asString().contains("HTTP 404");
            for (int i = 0; i < paths.size(); i++) {
                Path saved = out.resolve(savedName(run.stdout(), urls.get(i)));
                assertThat(Files.readAllBytes(saved)).as(urls.get(i)).isEqualTo(DemandingWebHost.content(paths.get(i)));
            }
            assertThat(limited.mostAtOnce()).as("requests at once to the host that allows 2").isLessThanOrEqualTo(2);
            assertThat(limited.refused()).isZero();
            assertThat(oneAtATime.insideRetryAfter()).as("requests inside a Retry-After").isZero();
            assertThat(cutting.mostAtOnce()).isLessThanOrEqualTo(2);
            assertThat(cutting.continuedByRange()).as("cut bodies continued with Range").isEqualTo(FILES_PER_HOST);
            assertThat(cutting.sentAgainWhole()).as("cut bodies fetched again from zero").isZero();
            try (var left = Files.list(out)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("nothing but whole files")
                        .noneMatch(name -> name.startsWith("."));
            }
            assertThat(limited.missingAsked()).as("a missing page is asked for once, retries or not").isOne();
            assertThat(limited.userAgents()).allSatisfy(agent -> assertThat(agent).startsWith("Garrison/"));
        }
    }

    @Test
    void theJsonStreamSaysHowManyBytesEachFileAndTheWholeRunFetchedACutBodyCountingWhole() throws Exception {
        try (DemandingWebHost cutting = new DemandingWebHost("127.0.0.6", 8, false, true)) {
            String urls = cutting.url("/a.bin") + "\n" + cutting.url("/b.bin") + "\n" + cutting.url("/c.bin") + "\n";

            CliProcess run = CliProcess.run(dir, urls, "run", "-k", "download", "--retries", "2", "--json", "-o",
                    dir.resolve("pages").toString(), "-");

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            List<JsonNode> events = RunEvents.parse(run.stdout());
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("task-succeeded")).hasSize(3)
                    .allSatisfy(e -> {
                        assertThat(e.get("bytes").asLong()).isEqualTo(DemandingWebHost.FILE_BYTES);
                        assertThat(e.get("bytesPerSecond").asLong()).isPositive();
                    });
            // worker-exited lines of the closing pool may follow run-finished (the --json contract).
            JsonNode finished = events.stream().filter(e -> e.get("type").asText().equals("run-finished"))
                    .findFirst().orElseThrow();
            assertThat(finished.get("bytes").asLong()).isEqualTo(3L * DemandingWebHost.FILE_BYTES);
            assertThat(cutting.continuedByRange()).as("the bodies were cut and continued").isEqualTo(3);
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("task-started")
                    && e.get("attempt").asInt() == 2).hasSize(3).allSatisfy(e -> assertThat(e.get("retryReason")
                    .asText()).startsWith("connection closed after").endsWith("the rest is asked for next time"));
            assertThat(events).filteredOn(e -> e.get("attempt") != null && e.get("attempt").asInt() == 1)
                    .allSatisfy(e -> assertThat(e.has("retryReason")).isFalse());
        }
    }

    @Test
    void aPacedRunKeepsToTheLimitPerHostToo() throws Exception {
        try (DemandingWebHost single = new DemandingWebHost("127.0.0.11", 1, false, false)) {
            StringBuilder urls = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                urls.append(single.url("/paced-" + i + ".bin")).append('\n');
            }

            CliProcess run = CliProcess.run(dir, urls.toString(), "run", "-k", "download", "-p", "4", "--delay",
                    "0.01", "--max-per-host", "1", "--retries", "0", "-o", dir.resolve("paced").toString(), "-");

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(single.refused()).as("requests beyond the host's one at a time").isZero();
            assertThat(single.mostAtOnce()).isOne();
        }
    }

    @Test
    void aCutBodyWhoseTaskFailsForGoodLeavesNoPartBehind() throws Exception {
        try (DemandingWebHost cutting = new DemandingWebHost("127.0.0.5", 2, false, true)) {
            Path out = dir.resolve("pages");

            CliProcess run = CliProcess.run(dir, cutting.url("/only.bin") + "\n", "run", "-k", "download", "--retries",
                    "0", "-o", out.toString(), "-");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("connection closed after");
            try (var left = Files.list(out)) {
                assertThat(left.toList()).as("no part, no validator, no file").isEmpty();
            }
        }
    }

    /** The file name a download's result line gives for a URL: plain output prints the saved names in order of ending. */
    private static String savedName(String stdout, String url) {
        String last = url.substring(url.lastIndexOf('/') + 1);
        return stdout.lines().filter(name -> name.endsWith(last)).findFirst()
                .orElseThrow(() -> new AssertionError("no file saved for " + url + " in " + stdout));
    }
}
