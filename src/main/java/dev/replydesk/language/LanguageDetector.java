package dev.replydesk.language;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells Russian, Ukrainian and English apart in short comments. Letters that exist in only one
 * of the two Cyrillic alphabets (Ukrainian і ї є ґ, Russian ы э ъ ё) weigh most; frequent
 * function words settle the rest. Mixed Russian–Ukrainian text (surzhyk) goes to the side with
 * more evidence; a tie among Cyrillic texts goes to Russian, the default.
 */
public final class LanguageDetector {
    private static final Pattern WORD = Pattern.compile("[\\p{L}'’ʼ-]+");

    private static final Set<String> UK_WORDS = words("""
            і й що це як та але чи мені мене ви вам вас не на до від для коли де чому скільки можна
            треба потрібно дякую будь ласка вже ще тільки дуже добрий день привіт замовлення гроші
            хочу було буде є його якщо тому також ось навіть зараз тиждень тижні днів шо нема немає
            теж мій моє моя мої її вони ми цей ця ці той ні або щоб бо куди навіщо який яка яке які
            буду був була грошей замовив замовила отримав отримала досі вчора сьогодні хто нічого
            щось скажіть підкажіть купив купила прийшло прийшов чекаю чекати доброго вітаю зробити
            працює відповідь питання коштує ціна гривень""");
    private static final Set<String> RU_WORDS = words("""
            и что это как но или мне меня вы вам вас не на до от для когда где почему сколько можно
            надо нужно спасибо пожалуйста уже ещё еще только очень добрый день привет заказ деньги
            хочу было будет есть его если поэтому тоже вот даже сейчас неделю недели дней кто так он
            она они мы я ты вообще какой какая какие чтобы жду ждать мой моя моё мои сегодня вчера
            завтра пришел пришла пришёл купил купила здравствуйте подскажите скажите ничего что-то
            нет да работает ответ вопрос стоит цена рублей""");
    private static final Set<String> EN_WORDS = words("""
            the a an is are i you my your and or not to of in on for with when where why how what
            can do does it this that order delivery please thanks thank""");

    private static Set<String> words(String text) {
        return Set.copyOf(new java.util.HashSet<>(java.util.Arrays.asList(text.strip().split("\\s+"))));
    }

    private static boolean isCyrillicWithApostrophe(String w) {
        int a = w.indexOf('\'');
        return a > 0 && a < w.length() - 1
                && Character.UnicodeBlock.of(w.charAt(a - 1)) == Character.UnicodeBlock.CYRILLIC
                && Character.UnicodeBlock.of(w.charAt(a + 1)) == Character.UnicodeBlock.CYRILLIC;
    }

    /** The language of {@code text}: ru, uk or en; the default (ru) when it cannot tell. */
    public Lang detect(String text) {
        if (text == null || text.isBlank()) {
            return Lang.DEFAULT;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        double uk = 0;
        double ru = 0;
        int cyr = 0;
        int lat = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            switch (c) {
                case 'і', 'ї', 'є', 'ґ' -> uk += 2;
                case 'ы', 'э', 'ъ', 'ё' -> ru += 2;
                default -> { }
            }
            if (Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC) {
                cyr++;
            } else if (c >= 'a' && c <= 'z') {
                lat++;
            }
        }
        double en = 0;
        Matcher m = WORD.matcher(lower);
        while (m.find()) {
            String w = m.group().replace('’', '\'').replace('ʼ', '\'');
            if (isCyrillicWithApostrophe(w)) {
                // кур'єр, п'ять, з'явився: Russian writes ъ where Ukrainian has an apostrophe
                uk += 2;
            }
            boolean inUk = UK_WORDS.contains(w);
            boolean inRu = RU_WORDS.contains(w);
            if (inUk && !inRu) {
                uk += 1.5;
            } else if (inRu && !inUk) {
                ru += 1.5;
            }
            if (EN_WORDS.contains(w)) {
                en += 1;
            }
        }
        if (lat > cyr) {
            return Lang.EN;
        }
        if (cyr == 0) {
            return en > 0 ? Lang.EN : Lang.DEFAULT;
        }
        return uk > ru ? Lang.UK : Lang.RU;
    }
}
