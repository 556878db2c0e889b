package io.dealflow.deal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * The potential monthly fee of a deal if it is won: an amount in one ISO 4217 currency. The amount is null while
 * nobody knows it yet (a deal from a lead, before the meeting): unknown, which is not the same as 0.
 */
@Embeddable
public class MonthlyValue {

    /** Digits before the decimal point that the amount column (numeric(15, 2)) holds. */
    public static final int INTEGER_DIGITS = 13;

    @Column(name = "amount")
    private BigDecimal amount;

    @Column(name = "currency")
    private String currency;

    protected MonthlyValue() {
    }

    public MonthlyValue(BigDecimal amount, String currency) {
        this.amount = amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
        this.currency = Currency.getInstance(currency).getCurrencyCode();
    }

    public static MonthlyValue unknown(String currency) {
        return new MonthlyValue(null, currency);
    }

    public boolean isKnown() {
        return amount != null;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public MonthlyValue withAmount(BigDecimal newAmount) {
        return new MonthlyValue(newAmount, currency);
    }

    /** "1,250.50 EUR", or "Not known yet (EUR)": what a rep reads on a form. */
    public String display() {
        if (amount == null) {
            return "Not known yet (" + currency + ")";
        }
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount) + " " + currency;
    }
}
