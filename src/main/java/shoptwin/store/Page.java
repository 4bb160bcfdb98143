package shoptwin.store;

import java.util.List;

/** One page of results and the total count matching the query. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return offset + items.size() < total;
    }
}
