package shoptwin.ui.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import shoptwin.ui.shop.ShopChoices.Choice;

class ShopChoicesTest {
    private static final Instant WINTER = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant SUMMER = Instant.parse("2026-07-15T12:00:00Z");

    private static List<String> codes(List<Choice> choices) {
        return choices.stream().map(Choice::code).toList();
    }

    @Test
    void currenciesAreThoseInUseTodayWithTheirNameAndSymbol() {
        List<Choice> list = ShopChoices.currencies("INR");
        assertThat(codes(list)).contains("INR", "USD", "EUR", "GBP", "JPY")
                .doesNotContain("ADP", "AFA", "DEM", "XAU", "XXX") // obsolete, gold, "no currency"
                .isSorted();
        assertThat(ShopChoices.find(list, "inr").orElseThrow().label()).isEqualTo("INR — Indian Rupee (₹)");
        assertThat(ShopChoices.find(list, "USD").orElseThrow().label()).isEqualTo("USD — US Dollar ($)");
        assertThat(ShopChoices.find(list, "EUR").orElseThrow().label()).isEqualTo("EUR — Euro (€)");
        assertThat(ShopChoices.find(list, "BBD").orElseThrow().label()).isEqualTo("BBD — Barbadian Dollar ($)"); // as in Barbados
    }

    @Test
    void aShopSavedWithAnObsoleteCurrencyStillSeesItsOwn() {
        assertThat(codes(ShopChoices.currencies("DEM"))).contains("DEM", "EUR");
        assertThat(codes(ShopChoices.currencies("NOPE"))).doesNotContain("NOPE"); // not a currency: not offered
    }

    @Test
    void zonesAreRegionCityIdsWithTheirOffsetWithoutAliases() {
        List<Choice> list = ShopChoices.zones("Asia/Kolkata", WINTER);
        assertThat(codes(list)).contains("Asia/Kolkata", "Europe/London", "America/New_York", "Africa/Asmara",
                        "America/Argentina/Buenos_Aires", "Europe/Kyiv", "Asia/Kathmandu", "Asia/Ho_Chi_Minh")
                .doesNotContain("Africa/Asmera", "Asia/Calcutta", "Asia/Katmandu", "Asia/Saigon", "America/Buenos_Aires",
                        "Europe/Kiev", "Etc/GMT+5", "SystemV/EST5", "EST", "US/Eastern", "UTC", "GMT")
                .isSorted();
        assertThat(ShopChoices.find(list, "Asia/Kolkata").orElseThrow().label()).isEqualTo("Asia/Kolkata (UTC+05:30)");
        assertThat(ShopChoices.find(list, "Europe/London").orElseThrow().label()).isEqualTo("Europe/London (UTC+00:00)");
        assertThat(ShopChoices.find(ShopChoices.zones("", SUMMER), "Europe/London").orElseThrow().label())
                .isEqualTo("Europe/London (UTC+01:00)"); // the offset in force now
        assertThat(ShopChoices.find(list, "America/St_Johns").orElseThrow().label()).isEqualTo("America/St_Johns (UTC-03:30)");
    }

    @Test
    void aShopSavedWithAnOldZoneNameStillSeesItsOwn() {
        assertThat(codes(ShopChoices.zones("Asia/Calcutta", WINTER))).contains("Asia/Calcutta", "Asia/Kolkata");
        assertThat(codes(ShopChoices.zones("Mars/Olympus", WINTER))).doesNotContain("Mars/Olympus");
    }

    @Test
    void typingFindsByCodeNameCityOrOffset() {
        List<Choice> currencies = ShopChoices.currencies("USD");
        assertThat(codes(ShopChoices.filter(currencies, "inr"))).containsExactly("INR");
        assertThat(codes(ShopChoices.filter(currencies, "indian rup"))).containsExactly("INR");
        List<Choice> zones = ShopChoices.zones("", WINTER);
        assertThat(codes(ShopChoices.filter(zones, "new york"))).containsExactly("America/New_York");
        assertThat(codes(ShopChoices.filter(zones, "kolk"))).containsExactly("Asia/Kolkata");
        assertThat(codes(ShopChoices.filter(zones, "+05:30"))).containsExactly("Asia/Colombo", "Asia/Kolkata");
        // the box showing the current value's label, or nothing typed: the whole list
        assertThat(ShopChoices.filter(zones, "Asia/Kolkata (UTC+05:30)")).hasSameSizeAs(zones);
        assertThat(ShopChoices.filter(zones, " ")).hasSameSizeAs(zones);
        assertThat(ShopChoices.filter(zones, "atlantis")).isEmpty();
    }

    @Test
    void aLabelOrATypedCodeStandsForItsCode() {
        assertThat(ShopChoices.codeOf("INR — Indian Rupee (₹)")).isEqualTo("INR");
        assertThat(ShopChoices.codeOf("Asia/Kolkata (UTC+05:30)")).isEqualTo("Asia/Kolkata");
        assertThat(ShopChoices.codeOf(" inr ")).isEqualTo("inr");
        assertThat(ShopChoices.codeOf("Mars/Olympus")).isEqualTo("Mars/Olympus");
        assertThat(ShopChoices.codeOf(null)).isEmpty();
    }

    @Test
    void onlyANewKnownCurrencyCountsAsAChange() {
        assertThat(ShopChoices.isCurrencyChange("INR", "USD")).isTrue();
        assertThat(ShopChoices.isCurrencyChange("INR", "inr")).isFalse();
        assertThat(ShopChoices.isCurrencyChange("INR", "US")).isFalse(); // half typed: not yet a currency
        assertThat(ShopChoices.isCurrencyChange("", "USD")).isFalse(); // a new shop converts nothing
    }
}
