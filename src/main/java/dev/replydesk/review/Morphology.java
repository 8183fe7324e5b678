package dev.replydesk.review;

import dev.replydesk.language.Lang;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * The forms a word is compared by: the word itself and its stem (Russian and English: Snowball)
 * or lemmas (Ukrainian: the morfologik-ukrainian dictionary). Two words match when they share a
 * form, so "виноваты" matches "виноват" and "винуваті" matches "винуватий".
 *
 * <p>Not thread-safe (the stemmers keep state): make one per checked draft.
 */
final class Morphology {
    private final SnowballStemmer snowball;
    private final DictionaryLookup lookup;

    private Morphology(SnowballStemmer snowball, DictionaryLookup lookup) {
        this.snowball = snowball;
        this.lookup = lookup;
    }

    static Morphology of(Lang lang, Supplier<Dictionary> ukrainian) {
        return switch (lang) {
            case RU -> new Morphology(new RussianStemmer(), null);
            case EN -> new Morphology(new EnglishStemmer(), null);
            case UK -> new Morphology(null, new DictionaryLookup(ukrainian.get()));
        };
    }

    /** Loads the Ukrainian dictionary shipped in morfologik-ukrainian-search. */
    static Dictionary loadUkrainian() {
        URL url = Morphology.class.getResource("/ua/net/nlp/ukrainian.dict");
        if (url == null) {
            throw new IllegalStateException("ua/net/nlp/ukrainian.dict is not on the classpath");
        }
        try {
            return Dictionary.read(url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Ukrainian dictionary", e);
        }
    }

    /** The word (already normalised) and its stems or lemmas. */
    Set<String> forms(String word) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(word);
        if (snowball != null) {
            snowball.setCurrent(word);
            snowball.stem();
            forms.add(snowball.getCurrent());
        } else if (lookup != null && !word.isEmpty() && Character.isLetter(word.charAt(0))) {
            for (WordData data : lookup.lookup(word)) {
                CharSequence stem = data.getStem();
                if (stem != null && stem.length() > 0) {
                    forms.add(Text.normalise(stem.toString()));
                }
            }
        }
        return forms;
    }
}
