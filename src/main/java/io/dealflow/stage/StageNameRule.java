package io.dealflow.stage;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A stage is a state the prospect has already reached, so its name is in the past tense:
 * "Proposal sent", not "Send proposal".
 *
 * <p>The rule, kept small on purpose: the name must contain a past participle (a word ending in "-ed",
 * or one of the common irregular ones such as "sent", "held", "won"). A name starting with a verb in the
 * imperative ("Send", "Book", "Call", ...) needs that participle after the first word ("Call booked").
 */
public final class StageNameRule {

    static final Set<String> IRREGULAR_PARTICIPLES = Set.of(
            "sent", "held", "won", "lost", "done", "made", "given", "taken", "seen", "met", "set", "put", "paid",
            "bought", "sold", "brought", "begun", "chosen", "written", "spoken", "shown", "known", "drawn", "found",
            "kept", "told", "got", "gotten", "built", "run", "read", "understood", "undertaken", "signed",
            "agreed", "led", "left", "heard", "sought", "taught", "thought", "dealt", "meant", "spent", "struck");

    /** Words ending in "-ed" that are not participles. */
    static final Set<String> NOT_PARTICIPLES = Set.of(
            "need", "feed", "seed", "speed", "bed", "red", "shed", "breed", "proceed", "exceed", "succeed", "bleed",
            "embed", "weed", "deed", "greed");

    static final Set<String> IMPERATIVES = Set.of(
            "send", "book", "call", "schedule", "hold", "meet", "assess", "negotiate", "sign", "win", "close",
            "make", "prepare", "write", "draft", "follow", "contact", "email", "qualify", "review", "present",
            "demo", "check", "ask", "get", "set", "arrange", "plan", "do", "discuss", "agree", "decide", "pay",
            "invoice", "onboard", "propose", "offer", "quote", "confirm", "verify", "evaluate", "approve");

    private StageNameRule() {
    }

    /** Why the name is not a past-tense stage name, or empty when it is one. */
    public static Optional<String> violation(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("it has no name");
        }
        String[] words = name.trim().toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        boolean startsWithImperative = IMPERATIVES.contains(words[0]);
        // a leading imperative can still be a noun when a participle follows: "Call booked", "Demo held"
        for (int i = startsWithImperative ? 1 : 0; i < words.length; i++) {
            if (isParticiple(words[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(startsWithImperative
                ? "it starts with the imperative \"" + name.trim().split("\\s+")[0] + "\""
                : "it has no past participle (a word such as \"booked\", \"sent\", \"held\")");
    }

    private static boolean isParticiple(String word) {
        if (IRREGULAR_PARTICIPLES.contains(word)) {
            return true;
        }
        return word.length() > 3 && word.endsWith("ed") && !NOT_PARTICIPLES.contains(word);
    }
}
