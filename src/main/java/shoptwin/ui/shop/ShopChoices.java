package shoptwin.ui.shop;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the Shop settings pickers offer: the currencies and time zones in use today, each with a label a person
 * recognises ("INR — Indian Rupee (₹)", "Asia/Kolkata (UTC+05:30)"), and the filter that typing applies. No
 * JavaFX here, so it is tested without a toolkit; the shop's current value is always offered, even when it is
 * no longer current (a shop saved with "Asia/Calcutta" or an obsolete currency still sees its own value).
 */
public final class ShopChoices {
    /** One line of a picker: the stored code and what the list shows. */
    public record Choice(String code, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** Between the code and its name in a label; {@link #codeOf} cuts there. */
    static final String SEPARATOR = " — ";

    /** Areas of the IANA region/city ids; "Etc/", "SystemV/", "US/" and the other legacy prefixes are not here. */
    private static final Set<String> AREAS = Set.of("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia",
            "Europe", "Indian", "Pacific");

    /**
     * Old names kept by tzdata only for backward compatibility (its 'backward' file): the same place under its
     * current name is listed. A practical list of the well-known ones, not the whole file; the rule above already
     * drops the three-letter ids and the legacy areas.
     */
    private static final Set<String> DEPRECATED_ZONES = Set.of(
            "Africa/Asmera", "Africa/Timbuktu",
            "America/Argentina/ComodRivadavia", "America/Atka", "America/Buenos_Aires", "America/Catamarca",
            "America/Coral_Harbour", "America/Cordoba", "America/Ensenada", "America/Fort_Wayne", "America/Godthab",
            "America/Indianapolis", "America/Jujuy", "America/Knox_IN", "America/Louisville", "America/Mendoza",
            "America/Montreal", "America/Porto_Acre", "America/Rosario", "America/Santa_Isabel", "America/Shiprock",
            "America/Virgin",
            "Antarctica/South_Pole",
            "Asia/Ashkhabad", "Asia/Calcutta", "Asia/Chongqing", "Asia/Chungking", "Asia/Dacca", "Asia/Harbin",
            "Asia/Istanbul", "Asia/Kashgar", "Asia/Katmandu", "Asia/Macao", "Asia/Rangoon", "Asia/Saigon",
            "Asia/Tel_Aviv", "Asia/Thimbu", "Asia/Ujung_Pandang", "Asia/Ulan_Bator",
            "Atlantic/Faeroe", "Atlantic/Jan_Mayen",
            "Australia/ACT", "Australia/Canberra", "Australia/LHI", "Australia/NSW", "Australia/North",
            "Australia/Queensland", "Australia/South", "Australia/Tasmania", "Australia/Victoria", "Australia/West",
            "Australia/Yancowinna",
            "Europe/Belfast", "Europe/Kiev", "Europe/Nicosia", "Europe/Tiraspol", "Europe/Uzhgorod", "Europe/Zaporozhye",
            "Pacific/Enderbury", "Pacific/Johnston", "Pacific/Ponape", "Pacific/Samoa", "Pacific/Truk", "Pacific/Yap");

    private ShopChoices() {
    }

    /**
     * The currencies some country uses today (one per country among Java's available locales), by code, plus
     * {@code current} if it is a known code not among them. Obsolete codes (ADP, AFA...) are not offered.
     */
    public static List<Choice> currencies(String current) {
        Map<String, Currency> used = new TreeMap<>();
        Map<String, String> country = new java.util.HashMap<>();
        for (Locale locale : Locale.getAvailableLocales()) {
            if (locale.getCountry().length() != 2) {
                continue; // a language without a country, or a region such as 001 (the world)
            }
            try {
                Currency c = Currency.getInstance(locale);
                if (c != null && !c.getCurrencyCode().startsWith("X")) { // X..: gold, test codes, "no currency"
                    used.putIfAbsent(c.getCurrencyCode(), c);
                    country.putIfAbsent(c.getCurrencyCode(), locale.getCountry());
                }
            } catch (IllegalArgumentException e) {
                // a country Java knows no currency for: nothing to offer
            }
        }
        known(current).ifPresent(c -> used.putIfAbsent(c.getCurrencyCode(), c));
        return used.values().stream().map(c -> currency(c, country.get(c.getCurrencyCode()))).toList();
    }

    /**
     * "INR — Indian Rupee (₹)"; the symbol as English writes it, else as English writes it in a country using it
     * ("BBD — Barbadian Dollar ($)" from en_BB); none when both are only the code again.
     */
    static Choice currency(Currency c, String usedIn) {
        String code = c.getCurrencyCode();
        String symbol = c.getSymbol(Locale.ENGLISH);
        if (symbol.equals(code) && usedIn != null) {
            symbol = c.getSymbol(new Locale("en", usedIn));
        }
        String name = c.getDisplayName(Locale.ENGLISH);
        return new Choice(code, code + SEPARATOR + name + (symbol.equals(code) ? "" : " (" + symbol + ")"));
    }

    /**
     * Region/city zones (Area/Location with the areas above), without the deprecated aliases, by id, each with its
     * offset at {@code now}; plus {@code current} if it is a valid zone not among them.
     */
    public static List<Choice> zones(String current, Instant now) {
        List<String> ids = new ArrayList<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (isCurrentZone(id)) {
                ids.add(id);
            }
        }
        String mine = current == null ? "" : current.strip();
        if (!mine.isEmpty() && !ids.contains(mine) && ZoneId.getAvailableZoneIds().contains(mine)) {
            ids.add(mine);
        }
        ids.sort(Comparator.naturalOrder());
        return ids.stream().map(id -> zone(id, now)).toList();
    }

    static boolean isCurrentZone(String id) {
        int slash = id.indexOf('/');
        return slash > 0 && AREAS.contains(id.substring(0, slash)) && !DEPRECATED_ZONES.contains(id);
    }

    /** "Asia/Kolkata (UTC+05:30)", "Europe/London (UTC+00:00)": the offset in force at {@code now}. */
    static Choice zone(String id, Instant now) {
        ZoneOffset offset = ZoneId.of(id).getRules().getOffset(now);
        String text = offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId();
        return new Choice(id, id + " (UTC" + text + ")");
    }

    /**
     * The code a picker's text stands for: a label's code ("INR — Indian Rupee (₹)" and "Asia/Kolkata (UTC+05:30)"
     * give INR and Asia/Kolkata), a typed code as it is (stripped), so a wrong one gets the field's message.
     */
    public static String codeOf(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        int cut = s.indexOf(SEPARATOR.strip());
        if (cut > 0) {
            return s.substring(0, cut).strip();
        }
        if (s.endsWith(")") && s.contains(" (UTC")) {
            return s.substring(0, s.indexOf(" (UTC")).strip();
        }
        return s;
    }

    /** The choice for a stored code (case-insensitive), if offered. */
    public static java.util.Optional<Choice> find(List<Choice> choices, String code) {
        String c = code == null ? "" : code.strip();
        return choices.stream().filter(x -> x.code().equalsIgnoreCase(c)).findFirst();
    }

    /**
     * What typing leaves in the list: choices whose label holds every typed word (case-insensitive, "_" read as a
     * space), so "new york", "rupee", "05:30" and "inr" all find theirs. Empty text, or the exact text of a choice
     * (the current value shown in the box), leaves them all.
     */
    public static List<Choice> filter(List<Choice> choices, String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty() || choices.stream().anyMatch(c -> c.label().equalsIgnoreCase(t))) {
            return choices;
        }
        String[] words = normal(t).split("\\s+");
        return choices.stream().filter(c -> {
            String label = normal(c.label());
            for (String w : words) {
                if (!label.contains(w)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** True when changing from one stored currency to another: amounts keep their numbers under the new code. */
    public static boolean isCurrencyChange(String saved, String now) {
        String a = codeOf(saved).toUpperCase(Locale.ROOT);
        String b = codeOf(now).toUpperCase(Locale.ROOT);
        return !a.isEmpty() && !b.isEmpty() && !a.equals(b) && known(b).isPresent();
    }

    private static String normal(String s) {
        return s.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static java.util.Optional<Currency> known(String code) {
        if (code == null || code.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
