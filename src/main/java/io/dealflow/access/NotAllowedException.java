package io.dealflow.access;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The user is known and may use this endpoint, but not for this: 403 with the reason. */
public class NotAllowedException extends ErrorResponseException {

    public NotAllowedException(String detail) {
        super(HttpStatus.FORBIDDEN, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Not allowed");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
