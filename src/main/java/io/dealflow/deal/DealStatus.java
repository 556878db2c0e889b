package io.dealflow.deal;

public enum DealStatus {
    OPEN, WON, LOST
}
