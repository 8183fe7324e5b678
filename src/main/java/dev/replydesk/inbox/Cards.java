package dev.replydesk.inbox;

import dev.replydesk.language.Lang;
import dev.replydesk.language.Texts;
import dev.replydesk.outbox.Button;
import dev.replydesk.outbox.Keyboard;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a comment's card for the moderators' chat: HTML within Telegram's 4096 characters
 * (the comment is cut with a note, the card is never split) and its buttons. Pure.
 */
final class Cards {
    /** Room left for the comment's own text; the rest of a card stays well under 1,500 characters. */
    static final int MAX_COMMENT_CHARS = 2000;
    private static final int MAX_PREVIEW = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private final Texts texts;
    private final ZoneId zone;

    Cards(Texts texts, ZoneId zone) {
        this.texts = texts;
        this.zone = zone;
    }

    /** Everything a card shows. */
    record View(CommentRow comment, String communityName, String channelTitle, String latestText,
                String previousText, List<String> reasons, List<Analysis.Suggested> suggestions,
                String ownerName, String resolvedByName, int published, Instant targetAt, Instant limitAt,
                boolean breached) {
    }

    record Rendered(String html, Keyboard keyboard) {
    }

    Rendered render(View v, Lang lang) {
        CommentRow c = v.comment();
        StringBuilder sb = new StringBuilder();
        sb.append(stateIcon(c)).append(" <b>").append(Html.escape(v.communityName())).append("</b>");
        if (c.channelPostId() != null) {
            sb.append(" · ").append(texts.get(lang, "card.post", Html.escape(
                    v.channelTitle() == null ? "" : v.channelTitle()), String.valueOf(c.channelPostId())));
        } else if (c.threadId() != null && c.topic()) {
            sb.append(" · ").append(texts.get(lang, "card.topic", String.valueOf(c.threadId())));
        }
        sb.append('\n');
        sb.append("👤 ");
        if (c.authorId() != null) {
            sb.append("<a href=\"tg://user?id=").append(c.authorId()).append("\">")
                    .append(Html.escape(nonEmpty(c.authorName(), String.valueOf(c.authorId())))).append("</a>");
        } else {
            sb.append(Html.escape(nonEmpty(c.authorName(), "?")));
        }
        if (c.authorUsername() != null && !c.authorUsername().isBlank()) {
            sb.append(" @").append(Html.escape(c.authorUsername()));
        }
        sb.append(" · ").append(time(c.sentAt()));
        sb.append('\n');

        String text = v.latestText() == null ? c.text() : v.latestText();
        sb.append("<blockquote>").append(Html.escape(cut(text, MAX_COMMENT_CHARS, lang))).append("</blockquote>\n");
        if (c.media() != null) {
            sb.append("📎 ").append(texts.get(lang, "card.media", c.media())).append('\n');
        }
        if (c.versions() > 1) {
            sb.append("✏️ ").append(texts.get(lang, "card.edited", String.valueOf(c.versions() - 1)));
            if (v.previousText() != null) {
                sb.append(' ').append(texts.get(lang, "card.was")).append(" <i>")
                        .append(Html.escape(cut(v.previousText(), 300, lang))).append("</i>");
            }
            sb.append('\n');
        }
        String link = Links.message(c.chatId(), c.messageId(), c.threadId());
        if (link != null) {
            sb.append("🔗 <a href=\"").append(link).append("\">").append(texts.get(lang, "card.open")).append("</a>\n");
        }
        if (c.label() != null) {
            sb.append("🏷 <b>").append(texts.get(lang, "label." + c.label())).append("</b>");
            if (!v.reasons().isEmpty()) {
                sb.append(": ").append(Html.escape(String.join("; ", v.reasons())));
            }
            sb.append('\n');
        }
        if (!v.suggestions().isEmpty()) {
            sb.append("\n💡 <b>").append(texts.get(lang, "card.suggestions")).append("</b>\n");
            int i = 1;
            for (Analysis.Suggested s : v.suggestions()) {
                sb.append(i++).append(". <b>").append(Html.escape(s.title())).append("</b>");
                if (s.fallback()) {
                    sb.append(" <i>(").append(texts.get(lang, "card.fallback", s.lang().code())).append(")</i>");
                }
                sb.append(" — ").append(Html.escape(cut(oneLine(s.preview()), MAX_PREVIEW, lang))).append('\n');
            }
        }
        sb.append('\n').append(stateLine(v, lang));
        return new Rendered(sb.toString().strip(), keyboard(v, lang));
    }

    private String stateLine(View v, Lang lang) {
        CommentRow c = v.comment();
        StringBuilder sb = new StringBuilder();
        sb.append("<b>").append(texts.get(lang, "state." + c.state().name())).append("</b>");
        if (c.state().isResolved() && v.resolvedByName() != null) {
            sb.append(" · ").append(Html.escape(v.resolvedByName()));
        }
        if (v.ownerName() != null) {
            sb.append(" · ").append(texts.get(lang, "card.owner", Html.escape(v.ownerName())));
        }
        if (c.state() == CommentRow.State.OPEN && v.targetAt() != null) {
            sb.append('\n').append("⏱ ").append(texts.get(lang, "card.due", time(v.targetAt()), time(v.limitAt())));
            if (v.breached()) {
                sb.append(" · ").append(texts.get(lang, "card.breached"));
            }
        }
        if (v.published() > 0) {
            sb.append('\n').append("✅ ").append(texts.get(lang, "card.published", String.valueOf(v.published())));
        }
        return sb.toString();
    }

    private Keyboard keyboard(View v, Lang lang) {
        CommentRow c = v.comment();
        List<List<Button>> rows = new ArrayList<>();
        if (!c.state().isResolved()) {
            List<Button> first = new ArrayList<>();
            if (v.ownerName() == null) {
                first.add(new Button(texts.get(lang, "button.take"), CallbackData.take(c.id())));
            }
            first.add(new Button(texts.get(lang, "button.elsewhere"), CallbackData.elsewhere(c.id())));
            first.add(new Button(texts.get(lang, "button.noanswer"), CallbackData.noAnswer(c.id())));
            if (c.state() == CommentRow.State.TRACKED || c.state() == CommentRow.State.NONE) {
                first.add(new Button(texts.get(lang, "button.start_clock"), CallbackData.startClock(c.id())));
            }
            rows.add(first);
            if (!v.suggestions().isEmpty()) {
                List<Button> sugg = new ArrayList<>();
                for (int i = 0; i < v.suggestions().size(); i++) {
                    sugg.add(new Button("💡 " + (i + 1), CallbackData.suggestion(c.id(), i)));
                }
                rows.add(sugg);
            }
        } else {
            rows.add(List.of(new Button(texts.get(lang, "button.reopen"), CallbackData.reopen(c.id()))));
        }
        if (c.label() != null) {
            rows.add(List.of(new Button(texts.get(lang, "button.relabel"), CallbackData.relabel(c.id()))));
        }
        return new Keyboard(rows);
    }

    private String stateIcon(CommentRow c) {
        return switch (c.state()) {
            case OPEN -> c.negative() ? "🔴" : "🟡";
            case TRACKED -> "🟠";
            case NONE -> "⚪";
            case ANSWERED, ANSWERED_ELSEWHERE, NO_ANSWER_NEEDED -> "🟢";
        };
    }

    String time(Instant t) {
        return t == null ? "" : TIME.withZone(zone).format(t);
    }

    /** A wait in the reader's language: "16 мин", "2 h 5 min", "3 дн". */
    static String formatAge(Duration d, Texts texts, Lang lang) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return texts.get(lang, "age.minutes", minutes);
        }
        long hours = minutes / 60;
        if (hours >= 48) {
            return texts.get(lang, "age.days", hours / 24);
        }
        return minutes % 60 > 0 ? texts.get(lang, "age.hours_minutes", hours, minutes % 60) : texts.get(lang, "age.hours", hours);
    }

    /**
     * {@code text} within {@code max} UTF-16 units, as Telegram counts its 4096 (an emoji is two):
     * counted in code points, a comment of emoji filled twice its share and the card went over.
     */
    private String cut(String text, int max, Lang lang) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int space = text.lastIndexOf(' ', end);
        if (space > end - 40) {
            end = space;
        }
        return text.substring(0, end) + " … " + texts.get(lang, "card.cut",
                String.valueOf(text.codePointCount(0, text.length())));
    }

    private static String oneLine(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll(" ").strip();
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
