package io.dealflow.lead;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a lead told us about buying (BANT and company size): the inputs of the decision table
 * bpmn/lead-qualification.dmn. Not personal data, so they may live in the engine as process variables.
 */
public record QualificationAnswers(
        Boolean budget,
        Boolean authority,
        Boolean need,
        @Pattern(regexp = "NOW|QUARTER|YEAR|LATER", message = "must be one of NOW, QUARTER, YEAR, LATER") String timeline,
        @Min(value = 1, message = "must be at least 1") @Max(value = 10_000_000, message = "is too large") Integer employees) {

    public static final QualificationAnswers NONE = new QualificationAnswers(null, null, null, null, null);

    /** The answers as the decision table's input variables; an unanswered question counts as "no". */
    public Map<String, Object> asVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("budget", Boolean.TRUE.equals(budget));
        variables.put("authority", Boolean.TRUE.equals(authority));
        variables.put("need", Boolean.TRUE.equals(need));
        variables.put("timeline", timeline == null ? "LATER" : timeline);
        variables.put("employees", employees);
        return variables;
    }
}
