package dev.replydesk.review;

import static dev.replydesk.review.Drafts.ask;
import static dev.replydesk.review.Drafts.check;
import static dev.replydesk.review.Drafts.fails;
import static dev.replydesk.review.Drafts.passes;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinksCheckTest {
    private static final Reference WARRANTY = new Reference("warranty", "Какая гарантия?",
            "Гарантия — 12 месяцев.", "https://tehnoshop.ru/warranty");

    @Test
    void aLinkNobodyAskedForFails() {
        fails(ask("Какая гарантия на чайник?", "Гарантия 12 месяцев, подробности тут: https://shop.example/warranty"),
                Check.LINKS, "https://shop.example/warranty");
        fails(ask("Коли привезуть?", "Завтра. Підписуйтеся на наш канал t.me/shop_news"), Check.LINKS, "t.me/shop_news");
        fails(ask("When is the sale?", "Next week, see shop-deals.com for the list."), Check.LINKS, "shop-deals.com");
    }

    @Test
    void theEntrysLinkNobodyAskedForFailsWithItsOwnReason() {
        fails(check(List.of(Turn.customer("Какая гарантия?")), "12 месяцев: tehnoshop.ru/warranty", WARRANTY),
                Check.LINKS, "tehnoshop.ru/warranty");
    }

    @Test
    void aLinkTheCustomerAskedForPasses() {
        passes(check(List.of(Turn.customer("Скиньте ссылку на условия гарантии")),
                "Гарантия 12 месяцев, условия: https://shop.example/warranty", WARRANTY), Check.LINKS);
        passes(ask("Де можна почитати умови повернення?", "Ось сторінка з умовами: https://shop.example/returns"),
                Check.LINKS);
        passes(ask("Is there a page with the delivery terms?", "Yes: https://shop.example/delivery"), Check.LINKS);
    }

    @Test
    void emailsNumbersAndAbbreviationsAreNotLinks() {
        passes(ask("Куда писать?", "Напишите на support@shop.example, т.е. в поддержку, до 18.00."), Check.LINKS);
    }
}
