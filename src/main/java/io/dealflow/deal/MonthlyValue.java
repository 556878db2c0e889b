package io.dealflow.deal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** The potential monthly fee of a deal if it is won: an amount in one ISO 4217 currency. */
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
        this.amount = amount.setScale(2, RoundingMode.HALF_UP);
        this.currency = Currency.getInstance(currency).getCurrencyCode();
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

    /** "1,250.50 EUR": what a rep reads on a form. */
    public String display() {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount) + " " + currency;
    }
}
