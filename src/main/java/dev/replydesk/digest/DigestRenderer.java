package dev.replydesk.digest;

import dev.replydesk.digest.Digest.Figure;
import dev.replydesk.digest.Digest.Gap;
import dev.replydesk.digest.Digest.ModeratorLine;
import dev.replydesk.digest.Digest.OpenItem;
import dev.replydesk.digest.Digest.Share;
import dev.replydesk.digest.Digest.Timing;
import dev.replydesk.language.Lang;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Digest} as Telegram HTML (at most {@value #TELEGRAM_LIMIT} characters: the
 * lists are shortened, with "… and N more", until it fits) or as plain text for the terminal
 * (every list in full). Pure.
 */
final class DigestRenderer {
    static final int TELEGRAM_LIMIT = 4096;

    private final DigestTexts texts;

    DigestRenderer(DigestTexts texts) {
        this.texts = texts;
    }

    /** How many entries each list shows. */
    record Limits(int open, int moderators, int overrides, int gaps) {
        static final Limits MESSAGE = new Limits(5, 10, 3, 5);
        static final Limits FULL = new Limits(10, Integer.MAX_VALUE, Integer.MAX_VALUE, 10);

        /**
         * The order lists give way in when a message is too long, each down to a floor: the
         * reasons for overrides first, the oldest open comments (what a manager acts on) last.
         */
        private static final int[][] GIVE_WAY = {{2, 1}, {3, 3}, {1, 5}, {0, 3}, {2, 0}, {3, 1}, {1, 3}, {0, 1},
                {3, 0}, {1, 1}, {0, 0}, {1, 0}};

        boolean none() {
            return open == 0 && moderators == 0 && overrides == 0 && gaps == 0;
        }

        /** One entry fewer in the first list, in {@link #GIVE_WAY} order, still above its floor. */
        Limits shrink() {
            int[] v = {open, moderators, overrides, gaps};
            for (int[] step : GIVE_WAY) {
                if (v[step[0]] > step[1]) {
                    v[step[0]]--;
                    return new Limits(v[0], v[1], v[2], v[3]);
                }
            }
            return new Limits(0, 0, 0, 0);
        }
    }

    /** The digest as one Telegram message in HTML parse mode. */
    String html(Digest d, Lang lang) {
        Limits limits = Limits.MESSAGE;
        String out = render(d, lang, Markup.HTML, limits);
        while (out.length() > TELEGRAM_LIMIT && !limits.none()) {
            limits = limits.shrink();
            out = render(d, lang, Markup.HTML, limits);
        }
        if (out.length() > TELEGRAM_LIMIT) {
            // Every line closes its own tags, so cutting between lines keeps the HTML valid.
            int cut = out.lastIndexOf('\n', TELEGRAM_LIMIT - 2);
            out = out.substring(0, Math.max(0, cut)) + "\n…";
        }
        return out;
    }

    /** The digest as plain text, every list in full. */
    String plain(Digest d, Lang lang) {
        return render(d, lang, Markup.PLAIN, Limits.FULL);
    }

    private String render(Digest d, Lang lang, Markup m, Limits limits) {
        List<String> out = new ArrayList<>();
        out.add("📊 " + m.bold(texts.get(lang, "digest.title", texts.day(lang, d.day()))));
        String asOf = texts.shortDay(lang, d.asOf().atZone(d.zone()).toLocalDate()) + ", "
                + DateTimeFormatter.ofPattern("HH:mm").format(d.asOf().atZone(d.zone()));
        out.add(m.italic(texts.get(lang, "digest.legend", asOf, m.text(d.zone().getId()))));
        out.add("");

        out.add("💬 " + m.bold(texts.get(lang, "digest.comments", String.valueOf(d.comments().value())))
                + " " + avg(lang, d.comments()));
        if (d.comments().value() == 0) {
            out.add(texts.get(lang, "digest.nothing"));
        }
        if (!d.byLabel().isEmpty()) {
            out.add(texts.get(lang, "digest.by_label", shares(d.byLabel(), lang, m, true)));
        }
        if (!d.byCommunity().isEmpty()) {
            out.add(texts.get(lang, "digest.by_community", shares(d.byCommunity(), lang, m, false)));
        }
        out.add("");

        out.add("✉️ " + m.bold(texts.get(lang, "digest.needing", String.valueOf(d.needingAnswer().value())))
                + " " + avg(lang, d.needingAnswer()));
        out.add(texts.get(lang, "digest.outcomes", figure(lang, d.answered()), figure(lang, d.noAnswerNeeded()),
                figure(lang, d.stillOpen())));
        // a part of the comments needing an answer, each once: never more than they are
        out.add("🚨 " + texts.get(lang, "digest.breaches", texts.duration(lang, d.limit()),
                String.valueOf(d.breaches().value()), String.valueOf(d.needingAnswer().value()), avg(lang, d.breaches())));
        if (d.earlierBreaches() > 0) {
            out.add("🚨 " + texts.get(lang, "digest.breaches_earlier", texts.duration(lang, d.limit()),
                    String.valueOf(d.earlierBreaches())));
        }
        String openNow = texts.get(lang, "digest.open_now", String.valueOf(d.openTotal()));
        if (d.openTotal() > 0) {
            List<Integer> a = d.openByAge();
            openNow += " — " + texts.get(lang, "digest.open_ages", String.valueOf(a.get(0)), String.valueOf(a.get(1)),
                    String.valueOf(a.get(2)), String.valueOf(a.get(3)));
        }
        out.add(openNow);
        List<OpenItem> oldest = d.oldestOpen();
        if (!oldest.isEmpty() && limits.open() > 0) {
            out.add(texts.get(lang, "digest.oldest"));
            for (OpenItem o : oldest.subList(0, Math.min(limits.open(), oldest.size()))) {
                String line = "• " + texts.duration(lang, o.age()) + " · " + m.text(o.community()) + " · "
                        + (o.owner() == null ? texts.get(lang, "digest.no_owner") : m.text(o.owner()))
                        + " — «" + m.text(o.excerpt()) + "»";
                if (o.link() != null) {
                    line += " " + m.link(texts.get(lang, "digest.link"), o.link());
                }
                out.add(line);
            }
            more(out, lang, oldest.size() - limits.open(), d.openTotal() - oldest.size());
        }
        out.add("⏱ " + timing(lang, d.firstResponse(), d, "digest.first_response"));
        if (d.previousFirstResponse().answered() > 0) {
            Timing p = d.previousFirstResponse();
            out.add(texts.get(lang, "digest.first_response_before", texts.duration(lang, p.median()),
                    texts.duration(lang, p.p90()), String.valueOf(p.withinTarget()), String.valueOf(p.answered())));
        }

        if (!d.moderators().isEmpty() && limits.moderators() > 0) {
            out.add("");
            out.add("👥 " + m.bold(texts.get(lang, "digest.moderators")));
            List<ModeratorLine> shown = d.moderators().subList(0, Math.min(limits.moderators(), d.moderators().size()));
            for (ModeratorLine ml : shown) {
                moderator(out, ml, lang, m, limits);
            }
            more(out, lang, d.moderators().size() - shown.size(), 0);
        }

        if (!d.kbGaps().isEmpty() && limits.gaps() > 0) {
            out.add("");
            out.add("❓ " + m.bold(texts.get(lang, "digest.gaps")));
            List<Gap> shown = d.kbGaps().subList(0, Math.min(limits.gaps(), d.kbGaps().size()));
            for (Gap g : shown) {
                out.add("• " + g.count() + " × «" + m.text(g.example()) + "»");
            }
            more(out, lang, d.kbGaps().size() - shown.size(), 0);
        }

        out.add("");
        out.add("🧌 " + texts.get(lang, "digest.trolls", figure(lang, d.trolls()), figure(lang, d.spam()),
                figure(lang, d.labelCorrections())));
        Digest.Engagement e = d.engagement();
        if (e.posts() > 0 || e.previousPerPost() > 0) {
            out.add("📣 " + texts.get(lang, "digest.engagement", String.valueOf(e.posts()),
                    texts.decimal(lang, e.perPost()), texts.decimal(lang, e.previousPerPost())));
        }
        return String.join("\n", out).strip();
    }

    private void moderator(List<String> out, ModeratorLine ml, Lang lang, Markup m, Limits limits) {
        List<String> parts = new ArrayList<>();
        parts.add(texts.get(lang, "digest.moderator_answered", String.valueOf(ml.answered())));
        if (ml.medianResponse() != null) {
            parts.add(texts.get(lang, "digest.moderator_median", texts.duration(lang, ml.medianResponse())));
        }
        if (ml.checked() > 0) {
            parts.add(texts.get(lang, "digest.moderator_checklist", String.valueOf(ml.passed()),
                    String.valueOf(ml.checked()), String.valueOf(Math.round(100.0 * ml.passed() / ml.checked()))));
        }
        if (ml.mostFailedCheck() != null) {
            parts.add(texts.get(lang, "digest.moderator_fails", texts.get(lang, "check." + ml.mostFailedCheck()),
                    String.valueOf(ml.mostFailedCount())));
        }
        out.add("• " + m.bold(m.text(ml.name())) + ": " + String.join(" · ", parts));
        if (!ml.overrides().isEmpty()) {
            out.add("   " + texts.get(lang, "digest.moderator_overrides", String.valueOf(ml.overrides().size())));
            int shown = Math.min(limits.overrides(), ml.overrides().size());
            for (String reason : ml.overrides().subList(0, shown)) {
                out.add("   – " + (reason.isEmpty() ? texts.get(lang, "digest.no_reason")
                        : "«" + m.text(DigestBuilder.excerpt(reason)) + "»"));
            }
            if (shown < ml.overrides().size()) {
                out.add("   " + texts.get(lang, "digest.more", String.valueOf(ml.overrides().size() - shown)));
            }
        }
    }

    private void more(List<String> out, Lang lang, int hiddenShown, int hiddenBeyond) {
        int hidden = Math.max(0, hiddenShown) + Math.max(0, hiddenBeyond);
        if (hidden > 0) {
            out.add(texts.get(lang, "digest.more", String.valueOf(hidden)));
        }
    }

    private String timing(Lang lang, Timing t, Digest d, String key) {
        if (t.answered() == 0) {
            return texts.get(lang, key + "_none", texts.duration(lang, d.target()));
        }
        return texts.get(lang, key, texts.duration(lang, d.target()), texts.duration(lang, t.median()),
                texts.duration(lang, t.p90()), String.valueOf(t.withinTarget()), String.valueOf(t.answered()));
    }

    private String shares(List<Share> shares, Lang lang, Markup m, boolean labels) {
        List<String> parts = new ArrayList<>();
        for (Share s : shares) {
            String name = labels ? texts.get(lang, "label." + s.key()) : m.text(s.key());
            parts.add(name + " " + figure(lang, s.figure()));
        }
        return String.join(" · ", parts);
    }

    private String figure(Lang lang, Figure f) {
        return f.value() + " " + avg(lang, f);
    }

    private String avg(Lang lang, Figure f) {
        return "(" + texts.decimal(lang, f.previousAverage()) + ")";
    }

    /** HTML for Telegram, or plain text. */
    enum Markup {
        HTML, PLAIN;

        String text(String s) {
            if (this == PLAIN || s == null) {
                return s == null ? "" : s;
            }
            return dev.replydesk.inbox.Html.escape(s);
        }

        String bold(String s) {
            return this == HTML ? "<b>" + s + "</b>" : s;
        }

        String italic(String s) {
            return this == HTML ? "<i>" + s + "</i>" : s;
        }

        String link(String label, String url) {
            return this == HTML ? "<a href=\"" + text(url) + "\">" + text(label) + "</a>" : url;
        }
    }
}
