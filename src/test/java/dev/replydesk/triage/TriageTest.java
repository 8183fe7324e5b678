package dev.replydesk.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The judgements the issue names as must-get-right, and the reasons that explain them. */
class TriageTest {
    private static Triage triage;

    @BeforeAll
    static void load() {
        triage = Triage.load(Path.of("config/triage"));
    }

    private static Label label(String text) {
        return triage.classify(text).label();
    }

    // --- the hard cases ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "Отличный сервис, конечно: третью неделю жду ответа по гарантии",
        "Ну супер, второй раз привозите не тот цвет",
        "Дякую за чудовий сервіс: замовлення загубили вже вдруге",
        "Great service, really: third week waiting for a warranty answer",
    })
    void sarcasmAroundARealProblemIsAComplaint(String text) {
        assertEquals(Label.COMPLAINT, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "где мой заказ? оплатил неделю назад",
        "когда вернёте деньги за отменённый миксер? оформил возврат 12 дней назад",
        "коли привезуть пральну машину? оплатила ще 3 числа",
        "any update on my refund? sent the kettle back two weeks ago",
        "ну и где моя кофемашина?",
        "де мої навушники?",
    })
    void askingAfterOnesOwnOverdueOrderOrMoneyIsAComplaint(String text) {
        Verdict v = triage.classify(text);
        assertEquals(Label.COMPLAINT, v.label(), v.reasons().toString());
        assertTrue(v.reasons().stream().anyMatch(r -> r.contains("overdue")), v.reasons().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "козлы, заказ 50417 привезли без ножек",
        "замовлення 40213 досі не приїхало",
    })
    void aCyrillicOrderWordBeforeItsNumberMakesAnOrderNumber(String text) {
        Verdict v = triage.classify(text);
        assertEquals(Label.COMPLAINT, v.label());
        assertTrue(v.reasons().get(0).startsWith("order number"), v.reasons().toString());
    }

    @Test
    void aSumWrittenWithACyrillicThousandIsMoney() {
        Verdict v = triage.classify("хм, пылесос за 25к, а щётка треснула");
        assertTrue(v.reasons().get(0).startsWith("sum of money"), v.reasons().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "сколько обычно идут деньги на карту после возврата?",
        "если отменить заказ сейчас, когда вернутся деньги?",
        "коли зазвичай приходять гроші після повернення?",
        "if I cancel my order now, when will I get my money back?",
        "есть новости по поводу новой коллекции?",
        "when will my order arrive?",
        "where is my nearest store?",
    })
    void askingHowLongRefundsTakeIsAQuestion(String text) {
        assertEquals(Label.QUESTION, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "купил пылесос 2 недели назад, подскажите как почистить фильтр?",
        "замовила тиждень тому, як відстежити посилку?",
        "bought the fridge three weeks ago, how do I change the water filter?",
    })
    void timeSinceAPurchaseIsNoWaitAndAHowToStaysAQuestion(String text) {
        assertEquals(Label.QUESTION, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Почему с меня взяли 900 за доставку, если на сайте было 300?",
        "Why was I charged $25 for delivery when the site said free?",
    })
    void whatTheSiteSaidAgainstWhatWasChargedIsAComplaint(String text) {
        assertEquals(Label.COMPLAINT, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "цены такие, будто вы золото продаёте, клоуны",
        "lol those prices, do you think we're all millionaires, morons",
    })
    void priceBaitWithNothingBoughtIsTrolling(String text) {
        assertEquals(Label.TROLL, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Не сказал бы, что доволен покупкой: плита греется неравномерно",
        "Не рекомендую, кондиционер шумит, а поддержка молчит",
        "Не можу сказати, що задоволена: пральна машина гуде",
        "I wouldn't say I'm happy with this purchase, the oven heats unevenly",
    })
    void negatedPraiseIsAComplaint(String text) {
        assertEquals(Label.COMPLAINT, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Не плохо, совсем не плохо. Доставка быстрая",
        "Неплохой чайник за свои деньги, никаких проблем",
        "Not bad at all, fast delivery and the box was intact",
    })
    void negatedCriticismIsPraise(String text) {
        assertEquals(Label.PRAISE, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Где мои деньги??? Возврат оформили три недели назад",
        "Сколько можно ждать возврат? Сдал товар 20 дней назад",
        "Коли вже повернете гроші за скасоване замовлення? Минуло 3 тижні",
        "How many more weeks do I have to wait for my refund?",
    })
    void questionsThatReportTroubleAreComplaints(String text) {
        assertEquals(Label.COMPLAINT, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "К сожалению, микроволновка оказалась с вмятиной на дверце. Ожидал большего",
        "Всё бы хорошо, но холодильник привезли с царапиной на боку",
        "На жаль, замовлення прийшло не повністю",
        "Honestly a bit disappointed, the blender is much weaker than advertised",
    })
    void politeDisappointmentIsAComplaint(String text) {
        assertEquals(Label.COMPLAINT, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Какого хрена заказ 7712345 до сих пор не отправлен?! Оплачено неделю назад",
        "Блять, третий раз переносят доставку, сколько можно",
        "Що за хрень, замовлення 4419021 оплачене тиждень тому, а досі не відправлене",
        "What the fuck, order #883421 still not shipped and I paid a week ago",
    })
    void swearyComplaintsWithSomethingConcreteAreComplaintsNotTrolling(String text) {
        assertEquals(Label.COMPLAINT, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Вы все тупые, ничего не умеете",
        "Кто вообще у вас что-то покупает? Магазин для лохов",
        "Ганьба, а не сервіс, всі ви шахраї",
        "You're all idiots, can't do anything right",
    })
    void insultsWithNothingToSolveAreTrolling(String text) {
        assertEquals(Label.TROLL, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Если товар окажется с браком, как его вернуть?",
        "Подскажите, если курьер опоздает, положена ли компенсация?",
        "What happens if the item arrives damaged?",
    })
    void aQuestionAboutTroubleThatHasNotHappenedIsAQuestion(String text) {
        assertEquals(Label.QUESTION, label(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Дякую, що швидко замінили бракований чайник",
        "Had an issue with the first unit but support replaced it in two days, great service",
        "Ждали долго, но машинка отличная, не жалеем",
    })
    void troubleToldAsSolvedIsPraise(String text) {
        assertEquals(Label.PRAISE, label(text));
    }

    @Test
    void advertsScamsAndEarningsAreSpam() {
        assertEquals(Label.SPAM, label("Зарабатывай от 5000 рублей в день без вложений! Пиши в лс"));
        assertEquals(Label.SPAM, label("Лучшие кондиционеры по оптовым ценам — наш сайт klimat-opt.ru"));
        assertEquals(Label.SPAM, label("Для возврата денег напишите боту @refund_fast_bot и укажите данные карты"));
    }

    @Test
    void chatterAndReactionsAreOther() {
        assertEquals(Label.OTHER, label("Всем привет"));
        assertEquals(Label.OTHER, label("😂😂😂"));
        assertEquals(Label.OTHER, label("ахаха у меня кот тоже в коробке живёт"));
    }

    @Test
    void blankTextIsOther() {
        assertEquals(Label.OTHER, label(""));
        assertEquals(Label.OTHER, label("   "));
        assertEquals(Label.OTHER, label(null));
    }

    // --- reasons ----------------------------------------------------------------------------

    @Test
    void theFirstReasonNamesWhatWasConcreteAndWhatWentWrong() {
        Verdict v = triage.classify("Заказ 123456 не работает, уже неделю жду");
        assertEquals(Label.COMPLAINT, v.label());
        assertEquals("order number + 'не работает' → complaint", v.reasons().get(0));
    }

    @Test
    void reasonsSaySarcasmWasSeen() {
        Verdict v = triage.classify("Спасибо за доставку в 11 вечера вместо обещанных 14:00, очень удобно");
        assertEquals(Label.COMPLAINT, v.label());
        assertTrue(v.reasons().stream().anyMatch(r -> r.contains("sarcasm")), v.reasons().toString());
    }

    @Test
    void reasonsSayANegationWasSeen() {
        Verdict v = triage.classify("не сказал бы, что доволен");
        assertTrue(v.reasons().stream().anyMatch(r -> r.contains("'не сказал бы, что доволен'") && r.contains("negated")),
                v.reasons().toString());
    }

    @Test
    void aTrollReasonSaysThereIsNothingConcreteToSolve() {
        Verdict v = triage.classify("вы все идиоты");
        assertEquals(Label.TROLL, v.label());
        assertEquals("'идиоты', nothing concrete to solve → troll", v.reasons().get(0));
    }

    @Test
    void aSwearyComplaintSaysWhyItIsNotTrolling() {
        Verdict v = triage.classify("Курьер опоздал на 3 часа, блять, заказ #55123");
        assertEquals(Label.COMPLAINT, v.label());
        assertTrue(v.reasons().stream().anyMatch(r -> r.contains("complaint, not troll")), v.reasons().toString());
    }

    @Test
    void everyVerdictHasAtLeastOneShortReason() {
        for (Fixtures.Case c : Fixtures.all()) {
            Verdict v = triage.classify(c.text());
            assertFalse(v.reasons().isEmpty(), c.text());
            assertTrue(v.reasons().size() <= 4, c.text());
            v.reasons().forEach(r -> assertTrue(r.length() <= 120, r));
        }
    }

    // --- the label ---------------------------------------------------------------------------

    @Test
    void labelsSayWhetherTheyAreNegativeAndNeedAnAnswer() {
        assertTrue(Label.COMPLAINT.negative() && Label.COMPLAINT.needsAnswer());
        assertTrue(Label.TROLL.negative() && !Label.TROLL.needsAnswer());
        assertTrue(!Label.QUESTION.negative() && Label.QUESTION.needsAnswer());
        for (Label l : List.of(Label.PRAISE, Label.SPAM, Label.OTHER)) {
            assertFalse(l.negative() || l.needsAnswer(), l.code());
        }
        assertEquals("complaint", Label.COMPLAINT.code());
        assertEquals(Label.SPAM, Label.fromCode("Spam").orElseThrow());
    }

    // --- loading and threads ------------------------------------------------------------------

    @Test
    void theJarDefaultsAreTheShippedRules() {
        Triage defaults = Triage.defaults();
        for (Fixtures.Case c : Fixtures.read("ru.tsv")) {
            assertEquals(triage.classify(c.text()), defaults.classify(c.text()), c.text());
        }
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        List<Fixtures.Case> cases = Fixtures.all();
        List<Verdict> expected = cases.stream().map(c -> triage.classify(c.text())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Verdict>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> cases.stream().map(c -> triage.classify(c.text())).toList()));
            }
            for (Future<List<Verdict>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingRulesFolderIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Triage.load(Path.of("no/such/folder")));
        assertTrue(e.getMessage().contains("no/such/folder"), e.getMessage());
    }
}
