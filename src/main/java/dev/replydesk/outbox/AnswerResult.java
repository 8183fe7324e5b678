package dev.replydesk.outbox;

import java.util.Objects;

/** What became of an answer to a button press. */
public sealed interface AnswerResult permits AnswerResult.Answered, AnswerResult.Failed {

    record Answered() implements AnswerResult {
    }

    /** Not answered: too old a query, the network, a refusal. Not retried: the moment has passed. */
    record Failed(String reason) implements AnswerResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
