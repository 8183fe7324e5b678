package dev.replydesk.knowledge;

import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** Already-analysed terms handed to Lucene as a token stream: analysis happens once, in {@link TextAnalyzer}. */
final class TermStream extends TokenStream {
    /** One term and how far it moves from the previous one (0: another form of the same word). */
    record Term(String text, int increment) {
    }

    private final List<Term> terms;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
    private int next;

    TermStream(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    @Override
    public boolean incrementToken() {
        if (next >= terms.size()) {
            return false;
        }
        clearAttributes();
        Term t = terms.get(next++);
        term.append(t.text());
        inc.setPositionIncrement(t.increment());
        return true;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
