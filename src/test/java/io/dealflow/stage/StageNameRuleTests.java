package io.dealflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageNameRuleTests {

    @ParameterizedTest
    @ValueSource(strings = {"Meeting booked", "Needs assessed", "Proposal sent", "Terms negotiated", "Contract sent",
            "Demo held", "Deal won", "Budget confirmed", "Time booked to evaluate the possibilities", "Offer made", "Call booked"})
    void pastTenseNamesAreStages(String name) {
        assertThat(StageNameRule.violation(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Send proposal", "Book meeting", "Call the prospect", "Schedule demo", "Negotiate terms"})
    void imperativesAreRefused(String name) {
        assertThat(StageNameRule.violation(name)).hasValueSatisfying(reason -> assertThat(reason).contains("imperative"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Proposal", "Thinking, comparing options", "Need more info", "Meeting", " "})
    void namesWithoutAPastParticipleAreRefused(String name) {
        assertThat(StageNameRule.violation(name)).isPresent();
    }
}
