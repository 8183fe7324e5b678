package dev.replydesk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Made-up but plausible data for the load benchmark: a knowledge base of any size (entries in
 * ru, uk and en about products and their aspects) and a stream of comments of every kind
 * (questions, complaints, praise, chatter) in the three languages, each text different.
 * Generated from word lists, never from the evaluation sets.
 */
final class SyntheticData {
    private static final List<String> RU_PRODUCTS = List.of("кофемашина", "чайник", "пылесос", "утюг", "блендер",
            "микроволновка", "холодильник", "миксер", "тостер", "мультиварка", "кондиционер", "обогреватель",
            "вентилятор", "фен", "плойка", "весы", "соковыжималка", "хлебопечка", "кофемолка", "робот-пылесос",
            "посудомойка", "стиральная машина", "сушилка", "увлажнитель", "очиститель воздуха", "электроплита",
            "духовка", "вытяжка", "морозильник", "водонагреватель");
    private static final List<String> RU_ASPECTS = List.of("доставка", "гарантия", "возврат", "оплата картой",
            "рассрочка", "самовывоз", "сборка", "инструкция", "запчасти", "ремонт", "скидка", "подарочная упаковка");
    private static final List<String> UK_PRODUCTS = List.of("кавоварка", "чайник", "пилосос", "праска", "блендер",
            "мікрохвильовка", "холодильник", "міксер", "тостер", "мультиварка", "кондиціонер", "обігрівач",
            "вентилятор", "фен", "ваги", "соковижималка", "хлібопічка", "кавомолка", "посудомийка", "пральна машина",
            "сушарка", "зволожувач", "електроплита", "духовка", "витяжка", "морозильна камера", "бойлер",
            "очищувач повітря", "робот-пилосос", "плойка");
    private static final List<String> UK_ASPECTS = List.of("доставка", "гарантія", "повернення", "оплата карткою",
            "розстрочка", "самовивіз", "збирання", "інструкція", "запчастини", "ремонт", "знижка", "подарункове пакування");
    private static final List<String> EN_PRODUCTS = List.of("coffee machine", "kettle", "vacuum cleaner", "iron",
            "blender", "microwave", "fridge", "mixer", "toaster", "slow cooker", "air conditioner", "heater", "fan",
            "hair dryer", "scales", "juicer", "bread maker", "coffee grinder", "dishwasher", "washing machine",
            "dryer", "humidifier", "air purifier", "robot vacuum", "cooktop", "oven", "cooker hood", "freezer",
            "water heater", "curling iron");
    private static final List<String> EN_ASPECTS = List.of("delivery", "warranty", "returns", "card payment",
            "instalments", "pickup", "assembly", "manual", "spare parts", "repair", "discount", "gift wrapping");

    private SyntheticData() {
    }

    /** Writes {@code entries} entry files under {@code dir}/ru, /uk and /en; returns {@code dir}. */
    static Path knowledgeBase(Path dir, int entries) throws IOException {
        for (int i = 0; i < entries; i++) {
            // each topic in ru (the default language) and its uk and en translations, under one id
            int lang = i % 3;
            int k = i / 3;
            String product = products(lang).get(k % 30);
            String aspect = aspects(lang).get((k / 30) % 12);
            int variant = k / 360;
            String id = "e" + k;
            String md = switch (lang) {
                case 0 -> entry(id, List.of(aspect + " " + product + (variant > 0 ? " " + variant : ""),
                                "Как работает " + aspect + " для товара " + product + "?",
                                "Где узнать про " + aspect + ", " + product + "?"),
                        product + ": " + aspect + (variant > 0 ? " (" + variant + ")" : ""),
                        "Для товара «" + product + "» " + aspect + " оформляется в личном кабинете. Срок — до "
                                + (3 + k % 11) + " дней. Подробности у оператора поддержки.");
                case 1 -> entry(id, List.of(aspect + " " + product + (variant > 0 ? " " + variant : ""),
                                "Як працює " + aspect + " для товару " + product + "?",
                                "Де дізнатися про " + aspect + ", " + product + "?"),
                        product + ": " + aspect + (variant > 0 ? " (" + variant + ")" : ""),
                        "Для товару «" + product + "» " + aspect + " оформлюється в особистому кабінеті. Строк — до "
                                + (3 + k % 11) + " днів. Деталі у оператора підтримки.");
                default -> entry(id, List.of(aspect + " " + product + (variant > 0 ? " " + variant : ""),
                                "How does " + aspect + " work for the " + product + "?",
                                "Where can I read about " + aspect + " for a " + product + "?"),
                        product + ": " + aspect + (variant > 0 ? " (" + variant + ")" : ""),
                        "For the " + product + ", " + aspect + " is arranged in your account. It takes up to "
                                + (3 + k % 11) + " days. Our support team has the details.");
            };
            Path file = dir.resolve(new String[] {"ru", "uk", "en"}[lang]).resolve(id + ".md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, md);
        }
        return dir;
    }

    private static String entry(String id, List<String> questions, String title, String answer) {
        StringBuilder sb = new StringBuilder("---\nid: ").append(id).append("\nquestions:\n");
        questions.forEach(q -> sb.append("  - \"").append(q.replace("\"", "'")).append("\"\n"));
        sb.append("tags: [synthetic]\nlink: https://shop.example/help/").append(id).append("\n---\n# ")
                .append(title).append("\n\n").append(answer).append('\n');
        return sb.toString();
    }

    private static List<String> products(int lang) {
        return lang == 0 ? RU_PRODUCTS : lang == 1 ? UK_PRODUCTS : EN_PRODUCTS;
    }

    private static List<String> aspects(int lang) {
        return lang == 0 ? RU_ASPECTS : lang == 1 ? UK_ASPECTS : EN_ASPECTS;
    }

    /** The {@code i}-th comment of a stream: mostly Russian, some Ukrainian and English, all kinds. */
    static String comment(int i, Random random) {
        int lang = random.nextInt(10) < 6 ? 0 : random.nextInt(2) == 0 ? 1 : 2;
        String p = products(lang).get(random.nextInt(30));
        String a = aspects(lang).get(random.nextInt(12));
        int order = 100_000 + random.nextInt(900_000);
        int kind = random.nextInt(10);
        return switch (lang) {
            case 0 -> switch (kind) {
                case 0, 1, 2 -> "Подскажите, как у вас " + a + " на " + p + "? Заказ " + order;
                case 3, 4 -> "Купил " + p + ", а " + a + " так и не сделали, уже неделю жду! Заказ " + order;
                case 5, 6 -> "Спасибо, " + p + " отличный, всё супер! " + i;
                case 7 -> "Кто-нибудь брал " + p + "? " + i;
                default -> "Ого, " + p + " за " + (1000 + order % 9000) + " рублей 😮 #" + i;
            };
            case 1 -> switch (kind) {
                case 0, 1, 2 -> "Підкажіть, як у вас " + a + " на " + p + "? Замовлення " + order;
                case 3, 4 -> "Купив " + p + ", а " + a + " так і не зробили, вже тиждень чекаю! Замовлення " + order;
                case 5, 6 -> "Дякую, " + p + " чудовий, все супер! " + i;
                default -> "Хтось брав " + p + "? " + i;
            };
            default -> switch (kind) {
                case 0, 1, 2 -> "Hi, how does " + a + " work for the " + p + "? Order " + order;
                case 3, 4 -> "Bought a " + p + " and the " + a + " still hasn't happened, waiting a week! Order " + order;
                case 5, 6 -> "Thanks, the " + p + " is great, love it! " + i;
                default -> "Anyone got the " + p + "? " + i;
            };
        };
    }
}
