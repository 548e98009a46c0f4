package io.garrison.ui.main;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The URLs in what a browser drops: the lines of a {@code text/uri-list} (RFC 2483) and the links of an HTML
 * selection, whose plain text holds only the links' labels. Any thread.
 */
final class DroppedLinks {

    private DroppedLinks() {
    }

    /** The URIs of a {@code text/uri-list}: its lines but comments ({@code #}) and blank ones. */
    static List<String> ofUriList(String uriList) {
        List<String> uris = new ArrayList<>();
        if (uriList == null) {
            return uris;
        }
        for (String line : uriList.split("\r?\n")) {
            String uri = line.strip();
            if (!uri.isEmpty() && !uri.startsWith("#")) {
                uris.add(uri);
            }
        }
        return uris;
    }

    /**
     * The targets of the HTML's links, absolute, each once, in document order. Links only a script or the page
     * itself follows ({@code javascript:}, {@code #top}) are no task's input and are left out, and so are relative
     * links the HTML gives no base for.
     */
    static List<String> ofHtml(String html) {
        if (html == null || html.isBlank()) {
            return List.of();
        }
        Document document = Jsoup.parse(html);
        Set<String> links = new LinkedHashSet<>();
        for (Element anchor : document.select("a[href]")) {
            String target = anchor.attr("abs:href").strip();
            if (!target.isEmpty() && isWorthFollowing(target)) {
                links.add(target);
            }
        }
        return List.copyOf(links);
    }

    private static boolean isWorthFollowing(String target) {
        try {
            String scheme = URI.create(target).getScheme();
            return scheme != null && !scheme.equalsIgnoreCase("javascript") && !scheme.equalsIgnoreCase("mailto");
        } catch (IllegalArgumentException e) {
            // jsoup resolved it but it is no URI Java reads (spaces, say): a task would fail on it just the same.
            return true;
        }
    }
}
