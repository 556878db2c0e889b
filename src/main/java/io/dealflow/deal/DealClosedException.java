package io.dealflow.deal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Won and lost deals are final: nothing about them changes any more. */
public class DealClosedException extends ErrorResponseException {

    public DealClosedException(Deal deal) {
        super(HttpStatus.CONFLICT, problem(deal), null);
    }

    private static ProblemDetail problem(Deal deal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Deal " + deal.getReference() + " is " + deal.getStatus() + ": a closed deal does not change");
        problem.setTitle("Deal closed");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
