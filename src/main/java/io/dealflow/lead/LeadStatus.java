package io.dealflow.lead;

/** Where a lead stands: marketing warms it up (NURTURING) until sales takes it (WITH_SALES, then CONVERTED). */
public enum LeadStatus {
    NEW,
    NURTURING,
    WITH_SALES,
    CONVERTED,
    UNSUBSCRIBED
}
