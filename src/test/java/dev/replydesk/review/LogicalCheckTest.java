package dev.replydesk.review;

import static dev.replydesk.review.Drafts.ask;
import static dev.replydesk.review.Drafts.check;
import static dev.replydesk.review.Drafts.fails;
import static dev.replydesk.review.Drafts.passes;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogicalCheckTest {
    private static final Reference INSTALL = new Reference("installation", "Сколько стоит установка?",
            "Установка встраиваемой техники стоит 2 500 ₽, подключение стиральной машины — 1 200 ₽. "
                    + "Мастер приезжает в течение 3 дней после доставки.", null);
    private static final Reference GIFT_CARDS_UK = new Reference("gift-cards", "Як працюють подарункові картки?",
            "Подарункову картку можна придбати на суму від 1 000 до 50 000 ₽. Картка діє 12 місяців.", null);

    @Test
    void concreteAnswerToAPriceQuestionPasses() {
        passes(check(List.of(Turn.customer("Сколько будет стоить подключить стиралку?")),
                "Подключение стиральной машины стоит 1 200 ₽, мастер приедет в течение 3 дней после доставки.",
                INSTALL), Check.LOGICAL);
    }

    @Test
    void priceQuestionAnsweredWithoutAPriceFails() {
        fails(check(List.of(Turn.customer("Скільки коштує картка на 5 000?")),
                "Подарункові картки — чудовий подарунок, їх люблять усі.", GIFT_CARDS_UK),
                Check.LOGICAL, "Скільки коштує");
    }

    @Test
    void whenQuestionAnsweredWithoutATimeFails() {
        fails(ask("When will the technician come to install the oven?",
                "Our technicians are certified and careful with every installation."), Check.LOGICAL, "When");
    }

    @Test
    void whenAsAConjunctionIsNotAQuestion() {
        passes(ask("Духовка щёлкает, когда включаю гриль", "Пришлите, пожалуйста, видео щелчков в чат поддержки — "
                + "мастер посмотрит и предложит ремонт."), Check.LOGICAL);
    }

    @Test
    void onlyWeWillLookIntoItFails() {
        fails(ask("Почему с карты списали дважды?", "Спасибо, мы разберёмся."), Check.LOGICAL, "разберёмся");
        fails(ask("Чому з картки списали двічі?", "Дякуємо, ми розберемося."), Check.LOGICAL, "розберемося");
        fails(ask("Why was my card charged twice?", "Thanks, we'll look into it."), Check.LOGICAL, "look into");
    }

    @Test
    void lookingIntoItWithANextStepPasses() {
        passes(ask("Почему с карты списали дважды?", "Разберёмся: напишите, пожалуйста, в чат поддержки "
                + "последние 4 цифры карты — второе списание вернём в течение 3 дней."), Check.LOGICAL);
    }

    @Test
    void askingForTheOrderNumberTheCustomerGaveFails() {
        fails(check(List.of(Turn.customer("Заказ AB-77120 третий день в статусе «собирается»"),
                Turn.brand("Сейчас проверим."), Turn.customer("Жду")),
                "Подскажите, пожалуйста, номер заказа?"), Check.LOGICAL, "номер заказа", "AB-77120");
        fails(check(List.of(Turn.customer("Замовлення 5512034 досі не відправили")),
                "Вкажіть, будь ласка, номер вашого замовлення, і ми перевіримо."), Check.LOGICAL, "5512034");
    }

    @Test
    void askingForTheOrderNumberWhenNoneWasGivenPasses() {
        passes(ask("Заказ третий день в статусе «собирается»", "Подскажите, пожалуйста, номер заказа — "
                + "проверим, на каком он этапе."), Check.LOGICAL);
    }

    @Test
    void sayingTheOrderIsBothShippedAndNotYetShippedFails() {
        fails(ask("Мой заказ отправили?", "Да, заказ уже отправлен и едет к вам. Правда, со склада его ещё "
                + "не отгрузили."), Check.LOGICAL, "уже отправлен", "не отгрузили");
        passes(ask("Мой заказ отправили?", "Заказ уже собран, но ещё не отправлен: передадим его курьеру "
                + "завтра."), Check.LOGICAL);
    }

    @Test
    void promisingAndRefusingARefundInOneDraftFails() {
        fails(ask("Верните деньги за сломанный тостер", "Деньги за тостер вернём. Но вернуть деньги мы не можем, "
                + "только ремонт."), Check.LOGICAL, "вернём", "не можем");
    }

    @Test
    void freeAndPricedForTheSameThingFails() {
        fails(ask("Установка будет бесплатной?", "Да, установка для вас бесплатная. Установка стоит 2 500 ₽."),
                Check.LOGICAL, "бесплатная", "2 500 ₽");
    }

    @Test
    void answeringAnotherTopicThanTheEntryFails() {
        fails(check(List.of(Turn.customer("Через сколько приедет мастер ставить духовку?")),
                "Мы продаём подарочные сертификаты любого номинала, ими удобно порадовать близких.", INSTALL),
                Check.LOGICAL);
    }

    @Test
    void thanksForPraiseNeedsNoFacts() {
        passes(ask("Спасибо, холодильник просто супер!", "Спасибо, что написали, нам очень приятно. "
                + "Пусть радует долго."), Check.LOGICAL);
    }

    @Test
    void askingForAPhotoTheCustomerAlreadySentFails() {
        fails(check(List.of(Turn.customer("Фен привезли с трещиной"), Turn.brand("Пришлите, пожалуйста, фото."),
                Turn.customer("Прислала фото в личные сообщения")),
                "Пришлите, пожалуйста, фото трещины."), Check.LOGICAL, "фото");
    }

    @Test
    void aDemandLeftWithoutAnyPositionOrStepFails() {
        fails(ask("Замените мне чайник, он течёт!", "Жаль это слышать, так бывает с техникой."),
                Check.LOGICAL, "Замените");
        passes(ask("Замените мне чайник, он течёт!", "Заменим: пришлите, пожалуйста, номер заказа."), Check.LOGICAL);
    }

    @Test
    void onlyCourtesiesDoNotAnswerAQuestion() {
        fails(ask("Чому не працює промокод?", "Ой, перепрошуємо, нам так шкода!"), Check.LOGICAL);
    }

    @Test
    void yesNoQuestionsAreAnsweredByYesNoOrByTalkingAboutWhatWasAsked() {
        passes(ask("Can I pay by card on delivery?", "Yes, the courier accepts cards."), Check.LOGICAL);
        fails(ask("Can I pay by card on delivery?", "We value every customer and their time."), Check.LOGICAL);
    }

    @Test
    void anAmountTheCustomerGaveIsNoAnswer() {
        fails(ask("Жду заказ 5 дней, когда привезёте?", "Понимаем, 5 дней — это долго."), Check.LOGICAL);
    }

    @Test
    void whenQuestionAnsweredWithAWayToFindOutPasses() {
        passes(ask("Когда снова завезут электрогрили?", "Пока даты нет. Нажмите на странице гриля «Сообщить о "
                + "поступлении» — придёт письмо, как только он появится."), Check.LOGICAL);
        passes(ask("Коли знову з'являться в наявності мультиварки?", "Натисніть «Повідомити про надходження» на "
                + "сторінці товару — ми напишемо, щойно вони надійдуть."), Check.LOGICAL);
        passes(ask("When will the air fryer be back in stock?", "Tap “Notify me” on its page and we'll e-mail you "
                + "the day it arrives."), Check.LOGICAL);
    }

    @Test
    void aBareWaitIsNoAnswerToWhen() {
        fails(ask("Когда привезут мой диван?", "Подождите ещё немного, когда-нибудь привезём."), Check.LOGICAL);
        fails(ask("Коли привезуть диван?", "Почекайте ще, якось привеземо."), Check.LOGICAL);
    }

    @Test
    void anUnrelatedStepDoesNotAnswerAPriceQuestion() {
        fails(ask("Сколько стоит занести шкаф на 7 этаж?", "Выберите удобный интервал при оформлении."),
                Check.LOGICAL, "Сколько стоит");
    }

    @Test
    void aReportedResultIsNotVague() {
        passes(ask("Почему мне пришёл не тот чехол?", "Мы проверили: на складе перепутали артикул. Правильный "
                + "чехол уже отправили, он приедет в четверг."), Check.LOGICAL);
    }

    @Test
    void aPlainYesIsNeverOffTopicWhateverFollows() {
        passes(ask("Чи можна розрахуватися карткою при отриманні?", "Так, можна. Гарного вам дня та вдалих покупок."),
                Check.LOGICAL);
        passes(ask("Можно ли расплатиться картой при получении?", "Да, конечно. Хорошего дня и удачных покупок."),
                Check.LOGICAL);
    }

    @Test
    void askingWhatIsNeededToActIsOnTopic() {
        passes(ask("Что делать, если грузчики поцарапали стену?", "Очень жаль. Пришлите номер заказа и фото — "
                + "свяжемся с вами и решим вопрос."), Check.LOGICAL);
    }

    @Test
    void aDraftAboutAnotherTopicStillFails() {
        fails(ask("Можно ли вернуть утюг, если он не подошёл?", "Бонусы сгорают через 12 месяцев."),
                Check.LOGICAL);
    }

    @Test
    void aBareYesThenADenialOfWhatWasAskedContradictsItself() {
        fails(ask("Do you deliver on Sundays?", "Yes, we do. Unfortunately, we never deliver on Sundays."),
                Check.LOGICAL);
    }
}
