package dev.replydesk.review;

import static dev.replydesk.review.Drafts.check;
import static dev.replydesk.review.Drafts.fails;
import static dev.replydesk.review.Drafts.passes;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistentCheckTest {
    private static final Reference EXCHANGE = new Reference("exchange", "Как обменять товар?",
            "Обменять товар надлежащего качества можно в течение 21 дня с покупки при сохранённом чеке. "
                    + "Доставка нового товара бесплатна для заказов от 3 000 ₽, иначе она стоит 290 ₽.", null);
    private static final Reference EXCHANGE_UK = new Reference("exchange", "Як обміняти товар?",
            "Обміняти товар належної якості можна протягом 21 дня з дня покупки, якщо збережено чек.", null);
    private static final Reference EXCHANGE_EN = new Reference("exchange", "How do I exchange an item?",
            "Items in good condition can be exchanged within 21 days of purchase with the receipt.", null);

    @Test
    void draftRestatingTheEntrysTermsPasses() {
        passes(check(List.of(Turn.customer("Можно поменять утюг на другой цвет?")),
                "Да, обменять можно в течение 21 дня с покупки, если сохранился чек.", EXCHANGE), Check.CONSISTENT);
        passes(check(List.of(Turn.customer("Можно поменять утюг на другой цвет?")),
                "Да, обменять можно в течение трёх недель с покупки, если сохранился чек.", EXCHANGE),
                Check.CONSISTENT);
    }

    @Test
    void aTermThatDiffersFromTheEntryFails() {
        fails(check(List.of(Turn.customer("Можно поменять утюг на другой цвет?")),
                "Да, обменять можно в течение 14 дней с покупки при наличии чека.", EXCHANGE),
                Check.CONSISTENT, "14 дней", "21 дня");
        fails(check(List.of(Turn.customer("Можна обміняти праску?")),
                "Так, обміняти можна протягом 30 днів, якщо є чек.", EXCHANGE_UK),
                Check.CONSISTENT, "30 днів", "21 дня");
        fails(check(List.of(Turn.customer("Can I exchange my kettle?")),
                "Sure, you can exchange it within two weeks of purchase with the receipt.", EXCHANGE_EN),
                Check.CONSISTENT, "two weeks", "21 days");
    }

    @Test
    void aPriceOrThresholdThatDiffersFromTheEntryFails() {
        fails(check(List.of(Turn.customer("Сколько стоит привезти новый утюг?")),
                "Доставка бесплатна для заказов от 5 000 ₽, иначе — 290 ₽.", EXCHANGE),
                Check.CONSISTENT, "5 000 ₽", "3 000 ₽");
    }

    @Test
    void grantingWhatTheEntryGivesOnlyAboveAThresholdFails() {
        fails(check(List.of(Turn.customer("Обмен на сумму 1 800 ₽, доставка будет бесплатной?")),
                "Да, доставка нового товара для вас бесплатна.", EXCHANGE),
                Check.CONSISTENT, "бесплатна", "3 000 ₽", "1 800 ₽");
    }

    @Test
    void keepingAnEarlierPromisePasses() {
        passes(check(List.of(Turn.customer("Фен перестал греть через неделю"),
                Turn.brand("Сочувствуем. Заменим фен на новый, курьер заберёт старый."),
                Turn.customer("Когда приедет курьер?")),
                "Курьер привезёт новый фен и заберёт старый завтра с 12:00 до 14:00."), Check.CONSISTENT);
    }

    @Test
    void breakingAnEarlierPromiseFails() {
        fails(check(List.of(Turn.customer("Фен перестал греть через неделю"),
                Turn.brand("Сочувствуем. Заменим фен на новый."),
                Turn.customer("Когда ждать?")),
                "К сожалению, заменить фен не получится, можем только отправить его в ремонт."),
                Check.CONSISTENT, "Заменим фен", "заменить фен не получится");
        fails(check(List.of(Turn.customer("Фен перестав гріти"),
                Turn.brand("Повернемо вам гроші за фен протягом 5 днів."),
                Turn.customer("Дякую, чекаю")),
                "Повернути гроші не можемо, бо фен був у використанні."),
                Check.CONSISTENT, "Повернути гроші не можемо");
    }

    @Test
    void reversingAnEarlierRefusalFails() {
        fails(check(List.of(Turn.customer("Can I get a refund for the opened blender?"),
                Turn.brand("We're sorry, opened blenders can't be refunded."),
                Turn.customer("Are you sure?")),
                "Good news: we will refund the blender in full."),
                Check.CONSISTENT, "can't be refunded", "refund");
    }

    @Test
    void blamingTheCustomerAfterAgreeingFails() {
        fails(check(List.of(Turn.customer("Курьер привёз не тот цвет"),
                Turn.brand("Вы правы, это наша ошибка."),
                Turn.customer("И что теперь?")),
                "Цвет вы выбрали сами при оформлении, так что ошибки с нашей стороны нет."),
                Check.CONSISTENT, "Вы правы", "ошибки с нашей стороны нет");
    }

    @Test
    void takingBackWhatWasSaidFails() {
        fails(check(List.of(Turn.customer("Мне обещали скидку 10%"),
                Turn.brand("Да, скидка 10% на следующий заказ ваша."),
                Turn.customer("Где её найти?")),
                "Мы ничего не обещали, скидки по этой акции нет."),
                Check.CONSISTENT, "ничего не обещали");
    }

    @Test
    void anAmountAboutSomethingElseIsNotHeldToTheEntry() {
        passes(check(List.of(Turn.customer("Можно поменять утюг на другой цвет?")),
                "Да, обменять можно в течение 21 дня с покупки, если сохранился чек. Гарантия на утюг — 2 года.",
                EXCHANGE), Check.CONSISTENT);
    }

    private static final Reference SHIPPING = new Reference("shipping", "Сколько идёт доставка?",
            "По Казани доставляем за 1 день, в другие города — за 2–5 дней. Доставка бесплатна для заказов от "
                    + "4 000 ₽, для остальных — 250 ₽. Подъём на этаж без лифта бесплатный. "
                    + "За границу мы товары не отправляем.", null);

    @Test
    void anAmountTheEntryGivesForAnotherCaseFails() {
        fails(check(List.of(Turn.customer("Сколько ждать доставку в Самару?")),
                "В Самару доставим за 1 день.", SHIPPING), Check.CONSISTENT, "1 день", "Казани");
        passes(check(List.of(Turn.customer("Сколько ждать доставку в Самару?")),
                "В Самару, как и в другие города кроме Казани, доставим за 2–5 дней.", SHIPPING), Check.CONSISTENT);
    }

    @Test
    void chargingTheBelowThresholdPriceAboveTheThresholdFails() {
        fails(check(List.of(Turn.customer("Сколько стоит доставка заказа на 6 000?")),
                "Доставка стоит 250 ₽.", SHIPPING), Check.CONSISTENT, "250 ₽", "4 000 ₽", "6 000");
    }

    @Test
    void makingAbsoluteWhatTheEntryLimitsFails() {
        fails(check(List.of(Turn.customer("Доставка платная?")), "Нет, доставка у нас всегда бесплатная.", SHIPPING),
                Check.CONSISTENT, "всегда");
    }

    @Test
    void grantingWhatTheEntryDeniesFails() {
        fails(check(List.of(Turn.customer("Отправите заказ в Казахстан?")),
                "Да, отправим товары за границу, в том числе в Казахстан.", SHIPPING),
                Check.CONSISTENT, "За границу мы товары не отправляем");
        passes(check(List.of(Turn.customer("Отправите заказ в Казахстан?")),
                "К сожалению, за границу товары мы не отправляем.", SHIPPING), Check.CONSISTENT);
    }

    @Test
    void chargingForWhatTheEntryMakesFreeFails() {
        fails(check(List.of(Turn.customer("Сколько стоит подъём стиральной машины на этаж?")),
                "Подъём на этаж без лифта стоит 200 ₽.", SHIPPING), Check.CONSISTENT, "200 ₽");
    }

    @Test
    void callingFreeWhatTheEntryPricesFails() {
        fails(check(List.of(Turn.customer("Сколько стоит обмен утюга с доставкой?")),
                "Доставка нового товара для вас бесплатная.", EXCHANGE), Check.CONSISTENT);
        fails(check(List.of(Turn.customer("How much is the exchange?")),
                "Exchanges are free for everyone, always.", new Reference("exchange", "Exchange",
                        "Exchanges cost 300 ₽ for orders below 2,000 ₽.", null)), Check.CONSISTENT);
    }

    @Test
    void twoWeeksEqualFourteenDaysAndAYearTwelveMonths() {
        Reference warranty = new Reference("warranty", "Гарантія", "Гарантія становить 12 місяців.", null);
        passes(check(List.of(Turn.customer("Яка гарантія?")), "Гарантія — рік.", warranty), Check.CONSISTENT);
        passes(check(List.of(Turn.customer("Яка гарантія?")), "Гарантія — один рік.", warranty), Check.CONSISTENT);
        fails(check(List.of(Turn.customer("Яка гарантія?")), "Гарантія — півроку.", warranty),
                Check.CONSISTENT, "півроку");
    }

    private static final Reference CASHBACK = new Reference("cashback", "Как работает кешбэк?",
            "С каждой покупки возвращаем 5% баллами. Баллами можно оплатить до 50% покупки.", null);
    private static final Reference LIFT = new Reference("lift", "Сколько стоит занос?",
            "Занос крупной техники без лифта — 200 ₽ за этаж. Есть 80 пунктов самовывоза, самовывоз бесплатный.",
            null);

    @Test
    void aNoSetOffByACommaAnswersAndNegatesNothingAfterIt() {
        passes(check(List.of(Turn.customer("Можно оплатить баллами всю покупку?")),
                "Нет, баллами можно оплатить до 50% покупки.", CASHBACK), Check.CONSISTENT);
    }

    @Test
    void callingFreeWhatTheEntryPricesFailsEvenInOneShortSentence() {
        fails(check(List.of(Turn.customer("Занос на 4 этаж платный?")), "Занос бесплатный.", LIFT),
                Check.CONSISTENT, "бесплатный");
    }

    @Test
    void pricingWhatTheEntrySaysIsFreeFailsBesideACount() {
        fails(check(List.of(Turn.customer("Самовывоз платный?")), "Самовывоз стоит 150 ₽.", LIFT),
                Check.CONSISTENT, "150");
    }

    private static final Reference PAYOUT = new Reference("payout", "Когда придут деньги?",
            "После приёма возврата деньги приходят на карту в течение 7 рабочих дней, на электронный кошелёк — "
                    + "в течение 2 дней.", null);
    private static final Reference PAYOUT_EN = new Reference("payout", "When is the money paid?",
            "After the return is accepted, card payouts take up to 7 working days; wallet payouts take up to 2 days.",
            null);

    @Test
    void anAmountOfTheEntryInTheClauseOfAnotherCaseFails() {
        fails(check(List.of(Turn.customer("Когда деньги будут на карте?")),
                "Деньги придут на карту в течение 2 рабочих дней.", PAYOUT), Check.CONSISTENT, "2");
    }

    @Test
    void anAmountOfTheEntryInItsOwnCasePasses() {
        passes(check(List.of(Turn.customer("Когда деньги будут на кошельке?")),
                "На электронный кошелёк деньги придут в течение 2 дней.", PAYOUT), Check.CONSISTENT);
        passes(check(List.of(Turn.customer("Сколько ждать?")),
                "На карту — до 7 рабочих дней, на кошелёк — до 2 дней.", PAYOUT), Check.CONSISTENT);
        passes(check(List.of(Turn.customer("When do I get paid?")),
                "If you chose a wallet, you'll get it within 2 days.", PAYOUT_EN), Check.CONSISTENT);
    }

    @Test
    void englishContractionsNegate() {
        passes(check(List.of(Turn.customer("Can I pay the whole order with points?")),
                "No, points don't cover the whole order: they pay for up to 50% of it.",
                new Reference("points", "Points", "Points pay for up to 50% of an order.", null)), Check.CONSISTENT);
    }

    @Test
    void theQuestionMayNameTheCaseTheAmountIsFor() {
        passes(check(List.of(Turn.customer("How long if I was paid out to a wallet?")),
                "Up to 2 days after the return is accepted.", PAYOUT_EN), Check.CONSISTENT);
    }

    @Test
    void goingBackOnAPromiseWithNothingToRefundFails() {
        fails(check(List.of(Turn.customer("You charged me twice."),
                Turn.brand("You're right, we will refund the second charge."), Turn.customer("When?")),
                "There is nothing to refund, the second charge never happened."), Check.CONSISTENT);
    }
}
