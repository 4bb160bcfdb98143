package shoptwin.store.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** One field a change touched: its value before and after (null where the field was empty or absent). */
public record FieldChange(String field, Object before, Object after) {
    /** Bookkeeping every writer changes (version, timestamps) or that follows another field (name_sort): never what a person changed. */
    public static final Set<String> BOOKKEEPING = Set.of("id", "version", "created_at", "updated_at", "name_sort");

    /** The fields that differ between two versions' fields, in the row's order; bookkeeping left out. */
    public static List<FieldChange> between(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        List<FieldChange> out = new ArrayList<>();
        for (String f : names) {
            if (!BOOKKEEPING.contains(f) && !same(before.get(f), after.get(f))) {
                out.add(new FieldChange(f, before.get(f), after.get(f)));
            }
        }
        return out;
    }

    /** Equal as the copy holds them; byte arrays by content. */
    public static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}
