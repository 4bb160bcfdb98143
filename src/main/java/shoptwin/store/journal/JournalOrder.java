package shoptwin.store.journal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The order changes made on the backup are replayed (and laid over the copy) in: the order they were made
 * ({@code made_at}, ties by id), except that an entry never comes before an entry it follows
 * ({@code follows}: the same row's previous change, a payment's customer's insert), whatever the clocks of
 * the consoles that made them said. One order for the screens and the replay, so both show the same result.
 */
public final class JournalOrder {
    private static final Comparator<JournalEntry> MADE = Comparator.comparing(JournalEntry::madeAt)
            .thenComparing(JournalEntry::id);

    private JournalOrder() {
    }

    /** The entries in replay order (a stable topological order by made_at; a cycle, never made by ShopTwin, falls back to made_at). */
    public static List<JournalEntry> sort(List<JournalEntry> entries) {
        List<JournalEntry> byTime = new ArrayList<>(entries);
        byTime.sort(MADE);
        Map<String, JournalEntry> byId = new LinkedHashMap<>();
        for (JournalEntry e : byTime) {
            byId.putIfAbsent(e.id(), e);
        }
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<JournalEntry>> followers = new HashMap<>();
        for (JournalEntry e : byId.values()) {
            int n = 0;
            for (String f : new HashSet<>(e.follows())) {
                if (byId.containsKey(f) && !f.equals(e.id())) {
                    n++;
                    followers.computeIfAbsent(f, k -> new ArrayList<>()).add(e);
                }
            }
            waitingFor.put(e.id(), n);
        }
        PriorityQueue<JournalEntry> ready = new PriorityQueue<>(MADE);
        for (JournalEntry e : byId.values()) {
            if (waitingFor.get(e.id()) == 0) {
                ready.add(e);
            }
        }
        List<JournalEntry> out = new ArrayList<>(byId.size());
        Set<String> placed = new HashSet<>();
        while (out.size() < byId.size()) {
            if (ready.isEmpty()) {
                // a cycle of follows: the earliest entry not yet placed goes next
                byId.values().stream().filter(e -> !placed.contains(e.id())).findFirst().ifPresent(ready::add);
            }
            JournalEntry e = ready.poll();
            if (!placed.add(e.id())) {
                continue;
            }
            out.add(e);
            for (JournalEntry f : followers.getOrDefault(e.id(), List.of())) {
                if (waitingFor.merge(f.id(), -1, Integer::sum) == 0 && !placed.contains(f.id())) {
                    ready.add(f);
                }
            }
        }
        return out;
    }
}
