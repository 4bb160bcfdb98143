package shoptwin.store.postgres;

import java.util.List;
import shoptwin.store.StoreException;

/**
 * Migrate met shop tables that ShopTwin did not create (a web app's) and changed nothing: adopting them
 * is a decision for a person, after reading {@code shoptwin adopt}'s plan.
 */
public final class ExistingTablesException extends StoreException {
    private final List<String> tables;

    ExistingTablesException(List<String> tables) {
        super(ExistingTables.names(tables) + (tables.size() == 1 ? " already exists" : " already exist")
                + " and ShopTwin did not create " + (tables.size() == 1 ? "it" : "them")
                + ": nothing was changed. Run \"shoptwin adopt\" to see what ShopTwin would add to "
                + (tables.size() == 1 ? "it" : "them") + " (\"shoptwin adopt --apply\" does it).");
        this.tables = List.copyOf(tables);
    }

    /** public.customers, ... */
    public List<String> tables() {
        return tables;
    }
}
