package dev.replydesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.replydesk.language.Lang;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
    static final Path FIXTURE = Path.of("src/test/resources/kb-fixture");

    @Test
    void loadsEntriesWithFrontMatterTitleAndAnswer() {
        KnowledgeBase kb = KnowledgeBase.load(FIXTURE);
        assertEquals(List.of(), kb.problems());
        Entry e = kb.entry("delivery", Lang.RU).orElseThrow();
        assertEquals("Сколько идёт доставка?", e.title());
        assertEquals(List.of("Когда привезут заказ?", "Сколько ждать курьера?"), e.questions());
        assertEquals(List.of("delivery"), e.tags());
        assertEquals("https://shop.example/delivery", e.link());
        assertEquals("Доставка по городу занимает 1–2 дня, по стране — до 7 дней.", e.answer());
        assertEquals(9, kb.entries().size());
    }

    @Test
    void entryFallsBackToDefaultLanguageThenAny() {
        KnowledgeBase kb = KnowledgeBase.load(FIXTURE);
        assertEquals(Lang.UK, kb.entry("delivery", Lang.UK).orElseThrow().lang());
        assertEquals(Lang.RU, kb.entry("warranty", Lang.EN).orElseThrow().lang());
        assertEquals(Lang.EN, kb.entry("returns", Lang.EN).orElseThrow().lang());
        assertTrue(kb.entry("nothing", Lang.RU).isEmpty());
    }
}
