package io.dealflow.pipeline;

import java.time.Instant;

/** Who and what a pipeline answer is about: one currency, optionally one owner, now or at a past moment. */
public record PipelineQuery(String currency, String owner, Instant asOf) {
}
