package io.dealflow.support;

import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.MarketingConsent;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.MonthlyValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Opening data for a fresh deal whose company and contact no other test uses. */
public final class TestDeals {

    private TestDeals() {
    }

    public static DealOpening opening(String owner) {
        return opening(owner, "1250.50", "EUR");
    }

    public static DealOpening opening(String owner, String amount, String currency) {
        return opening(owner, amount, currency, null);
    }

    /** A deal whose contact has agreed to marketing emails. */
    public static DealOpening openingWithConsent(String owner) {
        return opening(owner, "1250.50", "EUR", new MarketingConsent(true, Instant.now(), "test web form",
                "Yes, send me news and offers by email."));
    }

    private static DealOpening opening(String owner, String amount, String currency, MarketingConsent consent) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String domain = "co-" + unique + ".example";
        return new DealOpening("Deal " + unique, "Company " + unique, domain,
                List.of(new DealOpening.Participant(
                        new ContactDetails("buyer@" + domain, "Dana", "Buyer", null, null, consent),
                        ContactRole.DECISION_MAKER)),
                amount == null ? MonthlyValue.unknown(currency) : new MonthlyValue(new BigDecimal(amount), currency),
                owner, Instant.parse("2026-12-03T10:00:00Z"));
    }

    /** A POST /api/deals body. */
    public static String requestJson(String owner) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return """
                {"title": "Acme %1$s onboarding",
                 "company": {"name": "Acme %1$s", "domain": "https://www.Acme-%1$s.example/"},
                 "contacts": [{"email": " Dana@Acme-%1$s.example ", "firstName": "Dana", "lastName": "Buyer",
                               "role": "DECISION_MAKER"},
                              {"email": "lee@acme-%1$s.example", "firstName": "Lee", "lastName": "User",
                               "role": "USER"}],
                 "monthlyValue": {"amount": 1250.50, "currency": "EUR"},
                 "owner": "%2$s", "meetingAt": "2026-12-03T10:00:00Z"}
                """.formatted(unique, owner);
    }
}
