package dev.replydesk.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one check looks at, analysed once: the draft, the thread's turns split by author,
 * the knowledge-base entry, and the rules and reason texts of the draft's language.
 */
record Draft(Rules rules, Messages messages, Text draft, List<Text> customer, List<Text> brand,
        List<Text> raised, Optional<Reference> kb, Text kbAnswer, Text kbTitle) {

    static Draft of(Rules rules, Messages messages, Morphology morphology, List<Turn> thread, String draft,
            Optional<Reference> kb) {
        List<Text> customer = new ArrayList<>();
        List<Text> brand = new ArrayList<>();
        int lastBrand = -1;
        for (int i = 0; i < thread.size(); i++) {
            if (thread.get(i).role() == Turn.Role.BRAND) {
                lastBrand = i;
            }
        }
        List<Text> after = new ArrayList<>();
        for (int i = 0; i < thread.size(); i++) {
            Turn t = thread.get(i);
            Text text = Text.of(t.text(), morphology);
            if (t.role() == Turn.Role.CUSTOMER) {
                customer.add(text);
                if (i > lastBrand) {
                    after.add(text);
                }
            } else {
                brand.add(text);
            }
        }
        int words = 0;
        for (Text t : after) {
            for (Text.Token token : t.tokens()) {
                words += token.isNumber() ? 0 : 1;
            }
        }
        // a bare answer to the brand's question ("TD-12345", "yes") raises nothing new: the
        // customer's whole side of the thread is what the draft must answer
        List<Text> raised = words >= 3 ? after : customer;
        Text answer = Text.of(kb.map(Reference::answer).orElse(""), morphology);
        Text title = Text.of(kb.map(Reference::title).orElse(""), morphology);
        return new Draft(rules, messages, Text.of(draft, morphology), List.copyOf(customer), List.copyOf(brand),
                List.copyOf(raised), kb, answer, title);
    }
}
