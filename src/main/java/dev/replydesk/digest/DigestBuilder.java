package dev.replydesk.digest;

import dev.replydesk.config.Sla;
import dev.replydesk.digest.Digest.Engagement;
import dev.replydesk.digest.Digest.Figure;
import dev.replydesk.digest.Digest.Gap;
import dev.replydesk.digest.Digest.HourBar;
import dev.replydesk.digest.Digest.ModeratorLine;
import dev.replydesk.digest.Digest.OpenItem;
import dev.replydesk.digest.Digest.Share;
import dev.replydesk.digest.Digest.Timing;
import dev.replydesk.digest.DigestData.CommentFact;
import dev.replydesk.digest.DigestData.DecisionFact;
import dev.replydesk.digest.DigestData.ReplyFact;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Builds the digest of one calendar day from {@link DigestData}: pure, so a fixed data set and
 * a fixed day always give the same digest.
 */
final class DigestBuilder {
    /** Label codes in the order managers read them; unknown labels follow, then "none". */
    static final List<String> LABELS = List.of("complaint", "question", "troll", "spam", "praise", "other");
    static final String NO_LABEL = "none";
    static final List<String> CHECKS = List.of("polite", "logical", "consistent", "links");
    private static final int PREVIOUS_DAYS = 7;
    private static final int OLDEST_OPEN = 10;
    private static final int GAPS = 10;
    private static final int EXCERPT = 100;

    private final QuestionGroups groups;

    DigestBuilder(QuestionGroups groups) {
        this.groups = groups;
    }

    /**
     * The digest of {@code day} in {@code zone}, compared with the seven days before it.
     *
     * @param sla the target and limit to measure against, and the working hours the clocks run in
     */
    Digest build(DigestData data, LocalDate day, ZoneId zone, Sla sla) {
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant previousStart = day.minusDays(PREVIOUS_DAYS).atStartOfDay(zone).toInstant();
        Predicate<Instant> inDay = t -> !t.isBefore(dayStart) && t.isBefore(dayEnd);
        Predicate<Instant> inPrevious = t -> !t.isBefore(previousStart) && t.isBefore(dayStart);

        List<CommentFact> today = data.comments().stream().filter(c -> inDay.test(c.sentAt())).toList();
        List<CommentFact> before = data.comments().stream().filter(c -> inPrevious.test(c.sentAt())).toList();
        List<CommentFact> todayNeeding = today.stream().filter(CommentFact::needsAnswer).toList();
        List<CommentFact> beforeNeeding = before.stream().filter(CommentFact::needsAnswer).toList();

        return new Digest(day, zone, data.asOf(), sla.target(), sla.limit(),
                figure(today.size(), before.size()),
                byLabel(today, before),
                byCommunity(today, before, data.communities()),
                figure(todayNeeding.size(), beforeNeeding.size()),
                count(todayNeeding, beforeNeeding, c -> isAnswered(c.state())),
                count(todayNeeding, beforeNeeding, c -> c.state().equals("NO_ANSWER_NEEDED")),
                count(todayNeeding, beforeNeeding, c -> c.state().equals("OPEN")),
                openByAge(data, sla),
                oldestOpen(data, sla),
                timing(todayNeeding, sla),
                timing(beforeNeeding, sla),
                figure(breached(todayNeeding, data), breached(beforeNeeding, data)),
                earlierBreached(today, data, inDay, dayStart),
                moderators(data, inDay, sla),
                gaps(todayNeeding),
                count(today, before, c -> "troll".equals(c.label())),
                count(today, before, c -> "spam".equals(c.label())),
                figure(countTimes(data.corrections(), inDay), countTimes(data.corrections(), inPrevious)),
                engagement(today, before),
                hours(today, zone));
    }

    static boolean isAnswered(String state) {
        return state.equals("ANSWERED") || state.equals("ANSWERED_ELSEWHERE");
    }

    private static Figure figure(int day, int previous) {
        return new Figure(day, previous / (double) PREVIOUS_DAYS);
    }

    private static Figure count(List<CommentFact> today, List<CommentFact> before, Predicate<CommentFact> p) {
        return figure((int) today.stream().filter(p).count(), (int) before.stream().filter(p).count());
    }

    /**
     * How many of {@code needing} went past the limit, each counted once however often it did
     * (a reopened comment gets a clock, and can go past the limit, again): a part of them, never
     * more, so it reads next to "needing an answer" without contradicting it.
     */
    private static int breached(List<CommentFact> needing, DigestData data) {
        Set<Long> breached = new HashSet<>();
        data.breaches().forEach(b -> breached.add(b.commentId()));
        return (int) needing.stream().filter(c -> breached.contains(c.id())).count();
    }

    /** Comments that arrived before the day and went past the limit during it, each once. */
    private static int earlierBreached(List<CommentFact> today, DigestData data, Predicate<Instant> inDay,
            Instant dayStart) {
        Set<Long> ofTheDay = new HashSet<>();
        today.forEach(c -> ofTheDay.add(c.id()));
        return (int) data.breaches().stream().filter(b -> inDay.test(b.at()) && !ofTheDay.contains(b.commentId()))
                .map(DigestData.Breach::commentId).distinct().count();
    }

    private static int countTimes(List<Instant> times, Predicate<Instant> p) {
        return (int) times.stream().filter(p).count();
    }

    private static List<Share> byLabel(List<CommentFact> today, List<CommentFact> before) {
        Map<String, int[]> counts = new TreeMap<>(Comparator.comparingInt((String l) -> labelRank(l))
                .thenComparing(Comparator.naturalOrder()));
        tally(today, before, counts, c -> c.label() == null ? NO_LABEL : c.label());
        return shares(counts);
    }

    private static int labelRank(String label) {
        int i = LABELS.indexOf(label);
        return i >= 0 ? i : label.equals(NO_LABEL) ? LABELS.size() + 1 : LABELS.size();
    }

    private static List<Share> byCommunity(List<CommentFact> today, List<CommentFact> before,
            Map<Long, String> names) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        tally(today, before, counts, c -> names.getOrDefault(c.chatId(), String.valueOf(c.chatId())));
        List<Share> shares = new ArrayList<>(shares(counts));
        shares.sort(Comparator.comparingInt((Share s) -> -s.figure().value())
                .thenComparingDouble(s -> -s.figure().previousAverage()).thenComparing(Share::key));
        return shares;
    }

    private static void tally(List<CommentFact> today, List<CommentFact> before, Map<String, int[]> counts,
            java.util.function.Function<CommentFact, String> key) {
        for (CommentFact c : today) {
            counts.computeIfAbsent(key.apply(c), k -> new int[2])[0]++;
        }
        for (CommentFact c : before) {
            counts.computeIfAbsent(key.apply(c), k -> new int[2])[1]++;
        }
    }

    private static List<Share> shares(Map<String, int[]> counts) {
        return counts.entrySet().stream()
                .map(e -> new Share(e.getKey(), figure(e.getValue()[0], e.getValue()[1]))).toList();
    }

    private static List<Integer> openByAge(DigestData data, Sla sla) {
        int[] buckets = new int[Digest.AGE_BOUNDS.size() + 1];
        for (CommentFact c : data.open()) {
            Duration age = ClockTime.between(c.start(), data.asOf(), sla.workingHours());
            int b = 0;
            while (b < Digest.AGE_BOUNDS.size() && age.compareTo(Digest.AGE_BOUNDS.get(b)) >= 0) {
                b++;
            }
            buckets[b]++;
        }
        List<Integer> out = new ArrayList<>();
        for (int n : buckets) {
            out.add(n);
        }
        return out;
    }

    private static List<OpenItem> oldestOpen(DigestData data, Sla sla) {
        return data.open().stream()
                .map(c -> new OpenItem(c.id(), data.communities().getOrDefault(c.chatId(), String.valueOf(c.chatId())),
                        ClockTime.between(c.start(), data.asOf(), sla.workingHours()),
                        Links.message(c.chatId(), c.messageId(), c.threadId()), excerpt(c.text()),
                        c.ownerId() == null ? null : data.names().getOrDefault(c.ownerId(), String.valueOf(c.ownerId()))))
                .sorted(Comparator.comparing(OpenItem::age).reversed().thenComparingLong(OpenItem::commentId))
                .limit(OLDEST_OPEN)
                .toList();
    }

    private static Timing timing(List<CommentFact> needing, Sla sla) {
        List<Duration> times = needing.stream().filter(c -> c.firstAnswerAt() != null)
                .map(c -> ClockTime.between(c.start(), c.firstAnswerAt(), sla.workingHours()))
                .sorted().toList();
        if (times.isEmpty()) {
            return Timing.NONE;
        }
        int within = (int) times.stream().filter(d -> d.compareTo(sla.target()) <= 0).count();
        return new Timing(times.size(), percentile(times, 0.5), percentile(times, 0.9), within);
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least p of them at or below it. */
    static Duration percentile(List<Duration> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static List<ModeratorLine> moderators(DigestData data, Predicate<Instant> inDay, Sla sla) {
        Map<Long, Map<Long, Duration>> responses = new HashMap<>();
        for (ReplyFact r : data.replies()) {
            if (!inDay.test(r.publishedAt())) {
                continue;
            }
            Duration d = ClockTime.between(r.commentStart(), r.publishedAt(), sla.workingHours());
            responses.computeIfAbsent(r.moderatorId(), k -> new HashMap<>()).merge(r.commentId(), d,
                    (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        Map<Long, List<DecisionFact>> decisions = new HashMap<>();
        for (DecisionFact d : data.decisions()) {
            if (inDay.test(d.decidedAt())) {
                decisions.computeIfAbsent(d.moderatorId(), k -> new ArrayList<>()).add(d);
            }
        }
        Set<Long> ids = new TreeSet<>(responses.keySet());
        ids.addAll(decisions.keySet());
        List<ModeratorLine> lines = new ArrayList<>();
        for (long id : ids) {
            List<Duration> times = responses.getOrDefault(id, Map.of()).values().stream().sorted().toList();
            List<DecisionFact> mine = decisions.getOrDefault(id, List.of());
            int checked = 0;
            int passed = 0;
            int[] failed = new int[CHECKS.size()];
            List<String> overrides = new ArrayList<>();
            for (DecisionFact d : mine) {
                switch (d.outcome()) {
                    case "PASS", "FAIL" -> {
                        checked++;
                        if (d.outcome().equals("PASS")) {
                            passed++;
                        }
                        Boolean[] results = {d.polite(), d.logical(), d.consistent(), d.links()};
                        for (int i = 0; i < results.length; i++) {
                            if (Boolean.FALSE.equals(results[i])) {
                                failed[i]++;
                            }
                        }
                    }
                    case "OVERRIDE" -> overrides.add(d.overrideReason() == null ? "" : d.overrideReason().strip());
                    default -> {
                        // EDIT and CANCEL follow a failed check already counted.
                    }
                }
            }
            int worst = -1;
            for (int i = 0; i < failed.length; i++) {
                if (failed[i] > 0 && (worst < 0 || failed[i] > failed[worst])) {
                    worst = i;
                }
            }
            lines.add(new ModeratorLine(id, data.names().getOrDefault(id, String.valueOf(id)), times.size(),
                    times.isEmpty() ? null : percentile(times, 0.5), checked, passed, overrides,
                    worst < 0 ? null : CHECKS.get(worst), worst < 0 ? 0 : failed[worst]));
        }
        lines.sort(Comparator.comparingInt((ModeratorLine m) -> -m.answered())
                .thenComparingInt(m -> -m.checked()).thenComparing(ModeratorLine::name));
        return lines;
    }

    private List<Gap> gaps(List<CommentFact> needing) {
        List<String> questions = needing.stream().filter(c -> !c.kbAnswered())
                .map(c -> c.text().replaceAll("\\s+", " ").strip()).filter(t -> !t.isEmpty()).toList();
        if (questions.isEmpty()) {
            return List.of();
        }
        return groups.group(questions, GAPS).stream().map(g -> new Gap(excerpt(g.example()), g.count())).toList();
    }

    private static Engagement engagement(List<CommentFact> today, List<CommentFact> before) {
        int[] day = posts(today);
        int[] previous = posts(before);
        return new Engagement(day[0], day[1], day[0] == 0 ? 0 : day[1] / (double) day[0],
                previous[0] == 0 ? 0 : previous[1] / (double) previous[0]);
    }

    /** Distinct channel posts commented on, and the comments on them. */
    private static int[] posts(List<CommentFact> comments) {
        Set<List<Long>> posts = new HashSet<>();
        int n = 0;
        for (CommentFact c : comments) {
            if (c.channelPostId() != null) {
                posts.add(List.of(c.channelId() == null ? c.chatId() : c.channelId(), c.channelPostId()));
                n++;
            }
        }
        return new int[] {posts.size(), n};
    }

    private static List<HourBar> hours(List<CommentFact> today, ZoneId zone) {
        int[][] bars = new int[24][3];
        for (CommentFact c : today) {
            int h = c.sentAt().atZone(zone).getHour();
            if (c.needsAnswer() && c.state().equals("OPEN")) {
                bars[h][1]++;
            } else if (c.needsAnswer() && isAnswered(c.state())) {
                bars[h][0]++;
            } else {
                bars[h][2]++;
            }
        }
        List<HourBar> out = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            out.add(new HourBar(h, bars[h][0], bars[h][1], bars[h][2]));
        }
        return out;
    }

    static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        int end = EXCERPT - 1;
        if (Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--;
        }
        return flat.substring(0, end).stripTrailing() + "…";
    }
}
