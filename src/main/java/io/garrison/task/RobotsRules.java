package io.garrison.task;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a host's {@code robots.txt} allows, as crawlers read it (RFC 9309, with crawler-commons' parser): fetched
 * once per host and worker, with the download's own User-Agent. A host without one (4xx) allows everything; a
 * host whose robots.txt cannot be had now (5xx, no answer) is a passing trouble, tried again later, as the RFC
 * asks crawlers to assume complete disallow meanwhile.
 */
final class RobotsRules {

    private static final int ROBOTS_BYTES = 512 * 1024;
    private static final Map<String, BaseRobotRules> BY_ORIGIN = new ConcurrentHashMap<>();

    private RobotsRules() {
    }

    /** Fails the task for good when {@code uri}'s host forbids it to {@code userAgent}. */
    static void check(URI uri, String userAgent, int timeoutMs) throws TaskFailure {
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
        BaseRobotRules rules = BY_ORIGIN.get(origin);
        if (rules == null) {
            rules = fetch(origin, userAgent, timeoutMs);
            BY_ORIGIN.put(origin, rules);
        }
        if (!rules.isAllowed(uri.toString())) {
            throw TaskFailure.permanent("disallowed by " + origin + "/robots.txt");
        }
    }

    private static BaseRobotRules fetch(String origin, String userAgent, int timeoutMs) throws TaskFailure {
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        String robots = origin + "/robots.txt";
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(robots).toURL().openConnection();
            connection.setConnectTimeout(Math.min(timeoutMs, 10_000));
            connection.setReadTimeout(timeoutMs);
            connection.setRequestProperty("User-Agent", userAgent);
            int status = connection.getResponseCode();
            if (status >= 500) {
                throw TaskFailure.passing("HTTP " + status + " for " + robots, 0);
            }
            if (status != 200) {
                // 4xx: no rules (allowed); a redirect left unfollowed counts as none too.
                return parser.failedFetch(status >= 400 ? status : 404);
            }
            byte[] content;
            try (InputStream in = connection.getInputStream()) {
                content = in.readNBytes(ROBOTS_BYTES);
            }
            return parser.parseContent(robots, content, connection.getContentType(),
                    List.of(productToken(userAgent)));
        } catch (IOException e) {
            throw TaskFailure.passing("cannot read " + robots + ": " + e.getMessage(), 0);
        }
    }

    /** The product token robots.txt groups name: {@code garrison} of {@code Garrison/1.2 (+https://...)}. */
    static String productToken(String userAgent) {
        String token = userAgent.strip().split("[/\\s]", 2)[0];
        return token.isEmpty() ? "garrison" : token.toLowerCase(Locale.ROOT);
    }
}
