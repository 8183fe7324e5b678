package dev.replydesk.review;

import static dev.replydesk.review.Drafts.ask;
import static dev.replydesk.review.Drafts.check;
import static dev.replydesk.review.Drafts.fails;
import static dev.replydesk.review.Drafts.passes;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Readings of a thread that take more than a word list: clauses, arithmetic, kindred stances. */
class ReadingCheckTest {
    private static final Reference MONEY_BACK = new Reference("money-back", "Когда вернутся деньги?",
            "Деньги за возврат приходят на карту в течение 14 рабочих дней.", null);
    private static final Reference MONEY_BACK_EN = new Reference("money-back", "When is the money back?",
            "The money for a return reaches your card within 14 working days.", null);

    @Test
    void aOneWordBrushOffIsNeitherPoliteNorAnAnswer() {
        fails(ask("Почему посылка пришла мятая?", "Бывает."), Check.POLITE, "Бывает");
        fails(ask("Почему посылка пришла мятая?", "Бывает."), Check.LOGICAL);
        fails(ask("Чому посилка прийшла пом'ята?", "Буває."), Check.POLITE);
        fails(ask("Why was the parcel crushed?", "It happens."), Check.POLITE);
    }

    @Test
    void whenInsideAYesNoQuestionToTheBrandAsksNoTime() {
        passes(ask("Вы забираете старую плиту, когда привозите новую?",
                "Да, старую плиту того же типа вывезем бесплатно при доставке новой."), Check.LOGICAL);
        passes(ask("Do you take the old cooker away when you bring the new one?",
                "Yes, we take an old cooker of the same type away free of charge on delivery."), Check.LOGICAL);
        fails(ask("Вы можете сказать, когда привезут плиту?", "Плиту привезёт наш курьер."), Check.LOGICAL);
    }

    @Test
    void aTermWorkedOutFromTheEntryAndTheDaysGoneIsNoWrongFigure() {
        passes(check(List.of(Turn.customer("Возврат приняли 5 дней назад, денег нет.")),
                "Деньги приходят в течение 14 рабочих дней, так что осталось не больше 9 рабочих дней.", MONEY_BACK),
                Check.CONSISTENT);
        passes(check(List.of(Turn.customer("My return was accepted 4 days ago.")),
                "Refunds arrive within 14 working days, so at most 10 more working days.", MONEY_BACK_EN),
                Check.CONSISTENT);
        fails(check(List.of(Turn.customer("Возврат приняли 5 дней назад, денег нет.")),
                "Деньги приходят в течение 20 рабочих дней.", MONEY_BACK), Check.CONSISTENT, "20");
    }

    @Test
    void aYesTakenBackInTheNextSentenceContradictsItself() {
        fails(ask("Можно оплатить доставку бонусами?",
                "Да, доставку можно оплатить бонусами. К сожалению, оплата доставки бонусами недоступна."),
                Check.LOGICAL);
        passes(ask("Можно оплатить доставку бонусами?",
                "Да, доставку можно оплатить бонусами. К сожалению, не больше 30% суммы."), Check.LOGICAL);
    }

    @Test
    void grantingInOtherWordsWhatWasRefusedBreaksTheRefusal() {
        fails(check(List.of(Turn.customer("Верните разницу, телевизор подешевел."),
                Turn.brand("Разницу в цене, к сожалению, не компенсируем."), Turn.customer("Ну пожалуйста!")),
                "Хорошо, вернём разницу на карту."), Check.CONSISTENT);
    }

    @Test
    void aWhyAnsweredWithNeitherReasonNorRuleNorStepFails() {
        fails(ask("Почему мне не пришли бонусы?", "Бонусы — это часть нашей программы лояльности."), Check.LOGICAL,
                "Почему");
        passes(ask("Почему мне не пришли бонусы?",
                "Бонусы начисляются после получения заказа, если он не был отменён."), Check.LOGICAL);
    }
}
