package dev.replydesk.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The managers' digest of one day, ready to render: every figure of the day next to the daily
 * average of the seven days before it. Built by {@link DigestBuilder}; durations are measured
 * by the SLA clock (working time when {@code sla.working-hours} is set).
 *
 * @param day             the calendar day reported, in {@code zone}
 * @param asOf            when the open comments were counted
 * @param comments        all comments of the day
 * @param byLabel         comments by triage label (complaint, question, troll, spam, praise, other, none)
 * @param byCommunity     comments by community name
 * @param needingAnswer   comments of the day that need an answer
 * @param answered        of those, answered by the brand (in the thread or elsewhere)
 * @param noAnswerNeeded  of those, closed by a moderator as needing no answer
 * @param stillOpen       of those, still open at {@code asOf}
 * @param openByAge       every comment open at {@code asOf}, by clock age: under 15 min, 1 h, 6 h, over 6 h
 * @param oldestOpen      the oldest open comments, oldest first
 * @param firstResponse   time to the first answer of the day's comments
 * @param previousFirstResponse the same over the seven days before
 * @param breaches        of the day's comments that need an answer, those that went past {@code sla.limit}
 *                        (by {@code asOf}), each counted once even if it was reopened and went past it again
 * @param earlierBreaches comments that arrived before the day and went past {@code sla.limit} during it, each once
 * @param moderators      one line per moderator who answered or was checked during the day
 * @param kbGaps          questions of the day the knowledge base had no answer for, grouped, biggest first
 * @param labelCorrections labels moderators corrected during the day
 * @param engagement      comments per channel post
 * @param hours           the day's comments per hour of arrival
 */
record Digest(LocalDate day, ZoneId zone, Instant asOf, Duration target, Duration limit,
              Figure comments, List<Share> byLabel, List<Share> byCommunity,
              Figure needingAnswer, Figure answered, Figure noAnswerNeeded, Figure stillOpen,
              List<Integer> openByAge, List<OpenItem> oldestOpen,
              Timing firstResponse, Timing previousFirstResponse, Figure breaches, int earlierBreaches,
              List<ModeratorLine> moderators, List<Gap> kbGaps, Figure trolls, Figure spam,
              Figure labelCorrections, Engagement engagement, List<HourBar> hours) {

    /** Age buckets of open comments, by their upper bound; the last is open-ended. */
    static final List<Duration> AGE_BOUNDS = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6));

    Digest {
        Objects.requireNonNull(day, "day");
        byLabel = List.copyOf(byLabel);
        byCommunity = List.copyOf(byCommunity);
        openByAge = List.copyOf(openByAge);
        if (openByAge.size() != AGE_BOUNDS.size() + 1) {
            throw new IllegalArgumentException("openByAge needs " + (AGE_BOUNDS.size() + 1) + " buckets");
        }
        oldestOpen = List.copyOf(oldestOpen);
        moderators = List.copyOf(moderators);
        kbGaps = List.copyOf(kbGaps);
        hours = List.copyOf(hours);
    }

    int openTotal() {
        return openByAge.stream().mapToInt(Integer::intValue).sum();
    }

    /** A count of the day and the daily average of the seven days before. */
    record Figure(int value, double previousAverage) {
    }

    /** One line of a breakdown: a label code or a community name. */
    record Share(String key, Figure figure) {
    }

    /** An open comment: how long its clock has run, where it is and who owns it. */
    record OpenItem(long commentId, String community, Duration age, String link, String excerpt, String owner) {
    }

    /**
     * First-response times: how many were answered, their median and 90th percentile (nearest
     * rank; null when none), and how many within the target.
     */
    record Timing(int answered, Duration median, Duration p90, int withinTarget) {
        static final Timing NONE = new Timing(0, null, null, 0);
    }

    /**
     * A moderator's day: comments answered, median response time, checklist drafts checked and
     * passed, the reasons given for "Send anyway", and the check failed most (null when none failed).
     */
    record ModeratorLine(long id, String name, int answered, Duration medianResponse, int checked, int passed,
                         List<String> overrides, String mostFailedCheck, int mostFailedCount) {
        ModeratorLine {
            overrides = List.copyOf(overrides);
        }
    }

    /** A group of similar questions the knowledge base could not answer. */
    record Gap(String example, int count) {
    }

    /** Channel posts commented on during the day, and comments per post against the week before. */
    record Engagement(int posts, int comments, double perPost, double previousPerPost) {
    }

    /** Comments that arrived in one hour of the day: answered, still open, and the rest. */
    record HourBar(int hour, int answered, int open, int other) {
        int total() {
            return answered + open + other;
        }
    }
}
