package dev.replydesk.review;

import static dev.replydesk.review.Drafts.ask;
import static dev.replydesk.review.Drafts.check;
import static dev.replydesk.review.Drafts.fails;
import static dev.replydesk.review.Drafts.passes;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoliteCheckTest {

    @Test
    void calmCourteousRussianReplyPasses() {
        passes(ask("Где мой заказ?", "Добрый день! Заказ уже у курьера, он привезёт его сегодня до 18:00. "
                + "Извините за ожидание 🙂"), Check.POLITE);
    }

    @Test
    void blameIsCaughtInAnyWordForm() {
        fails(ask("Почему не пришло уведомление?",
                "Так вы же сами виноваты: надо было внимательно читать условия рассылки."),
                Check.POLITE, "сами виноваты");
        fails(ask("Чому не прийшло повідомлення?",
                "Читайте уважніше умови розсилки, там усе написано."), Check.POLITE, "Читайте уважніше");
        fails(ask("Why didn't I get a notice?", "It's your own fault, the terms say it clearly."),
                Check.POLITE, "your own fault");
    }

    @Test
    void insultAndSarcasmAreCaught() {
        fails(ask("Опять сломался пылесос", "Может, не стоит покупать технику, если руки не оттуда растут?"),
                Check.POLITE, "руки не оттуда");
        fails(ask("Кур'єр не приїхав", "Ну звісно, ми ж усе кинемо і поїдемо до вас особисто."),
                Check.POLITE, "Ну звісно");
    }

    @Test
    void condescensionIsCaught() {
        fails(ask("Как подключить чайник к приложению?",
                "Повторяю ещё раз: это элементарно, любой школьник разберётся."),
                Check.POLITE, "Повторяю", "элементарно");
    }

    @Test
    void shoutingInCapitalsIsCaughtButAcronymsAreNot() {
        fails(ask("Когда вернут деньги?", "Деньги вернутся НЕ РАНЬШЕ чем через 10 дней."),
                Check.POLITE, "РАНЬШЕ");
        passes(ask("Можно оплатить через СБП?", "Да, оплата через СБП доступна при оформлении заказа."),
                Check.POLITE);
    }

    @Test
    void saccharineApologyPileIsCaughtButOneApologyIsFine() {
        fails(ask("Заказ опоздал", "Простите нас, пожалуйста! Приносим свои извинения. Нам очень жаль."),
                Check.POLITE, "Простите", "извинения");
        passes(ask("Заказ опоздал", "Простите за задержку. Курьер приедет завтра с 10:00 до 12:00."),
                Check.POLITE);
    }

    @Test
    void exclamationsEmojiAndDiminutivesAreSaccharine() {
        fails(ask("Спасибо за скидку", "Спасибо вам огромное!!! Ждём снова!"), Check.POLITE, "!!!");
        fails(ask("Дякую за швидку доставку", "Раді старатися 😍🥰🙏"), Check.POLITE, "😍");
        fails(ask("Когда будет мой заказ?", "Минуточку, сейчас посмотрим ваш заказик!"),
                Check.POLITE, "Минуточку", "заказик");
        fails(ask("Thanks for the quick reply", "Anything for you, sweetie, you're the best customer ever"),
                Check.POLITE, "sweetie");
    }

    @Test
    void gushingAddressIsCaught() {
        fails(ask("Дякую!", "Дорогий наш клієнте, ми безмежно вдячні вам від усього серця."),
                Check.POLITE, "безмежно");
    }

    @Test
    void mixingFormalAndInformalAddressIsCaught() {
        fails(ask("Где посмотреть статус?", "Вы можете посмотреть статус в личном кабинете, а если что — напиши нам."),
                Check.POLITE, "Вы", "напиши");
        fails(ask("Де подивитися статус?", "Ви можете подивитися статус у кабінеті, а якщо що — пиши, ти знаєш куди."),
                Check.POLITE, "ти");
    }

    @Test
    void switchingFromTheThreadsFormalAddressIsCaught() {
        fails(check(List.of(Turn.customer("Не работает приложение"),
                Turn.brand("Подскажите, пожалуйста, какая у вас версия?"), Turn.customer("5.2")),
                "Обнови приложение до 5.3, и всё заработает."), Check.POLITE, "Обнови");
    }

    @Test
    void tellingTheCustomerTheyCannotAffordItFails() {
        fails(ask("Почему так дорого стоит установка?", "Если вам дорого, можете установить сами."), Check.POLITE,
                "Если вам дорого");
        fails(ask("Why is installation so pricey?", "If it's too expensive for you, do it yourself."), Check.POLITE,
                "too expensive for you");
    }
}
