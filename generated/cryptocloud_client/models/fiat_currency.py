from enum import StrEnum


class FiatCurrency(StrEnum):
    AED = "AED"
    AMD = "AMD"
    AUD = "AUD"
    AZN = "AZN"
    BYN = "BYN"
    CAD = "CAD"
    CNY = "CNY"
    EUR = "EUR"
    GBP = "GBP"
    HKD = "HKD"
    IDR = "IDR"
    INR = "INR"
    JPY = "JPY"
    KGS = "KGS"
    KZT = "KZT"
    MYR = "MYR"
    PHP = "PHP"
    RUB = "RUB"
    SGD = "SGD"
    THB = "THB"
    TRY = "TRY"
    UAH = "UAH"
    USD = "USD"
    UZS = "UZS"
    VND = "VND"

    def __str__(self) -> str:
        return str(self.value)
