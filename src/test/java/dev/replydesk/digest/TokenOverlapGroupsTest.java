package dev.replydesk.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenOverlapGroupsTest {
    private final TokenOverlapGroups groups = new TokenOverlapGroups();

    @Test
    void questionsSharingMostOfTheirWordsFormOneGroupWithTheFirstAsExample() {
        List<String> questions = List.of(
                "Как оформить возврат товара?",
                "Сколько стоит доставка в Пермь?",
                "Можно оформить возврат товаров онлайн?",
                "How do I track my parcel?",
                "Where can I track the parcel?");
        assertEquals(List.of(List.of(0, 2), List.of(1), List.of(3, 4)), groups.indexes(questions));
    }

    @Test
    void unrelatedQuestionsStayApartAndNothingIsLost() {
        List<String> questions = List.of("Есть ли скидки?", "Когда откроется магазин?", "Чем оплатить?", "");
        List<List<Integer>> result = groups.indexes(questions);
        assertEquals(4, result.stream().mapToInt(List::size).sum());
        assertEquals(4, result.size());
    }
}
