package shoptwin.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.Secrets;
import shoptwin.store.CreatedCustomers;
import shoptwin.store.ShopStore;

/**
 * Writes an {@link ImportPlan}'s rows in batches, in file order, each batch one transaction
 * ({@link ShopStore#createCustomers}, which checks duplicates again under a lock). A failure stops the
 * import at the failing batch: the batches before it stay written, it and the rest are not written, and
 * the report says which rows are which. Cancelling stops before the next batch. Never on the FX thread.
 */
public final class CustomerImport {
    private static final Logger log = LoggerFactory.getLogger(CustomerImport.class);
    public static final int BATCH = 500;

    private final ShopStore store;
    private final int batchSize;

    public CustomerImport(ShopStore store) {
        this(store, BATCH);
    }

    public CustomerImport(ShopStore store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }

    public ImportReport write(ImportPlan plan, ImportProgress progress, BooleanSupplier cancelled) {
        List<CustomerFile.Row> rows = plan.toAdd();
        int added = 0;
        int done = 0;
        List<Long> skipped = new ArrayList<>();
        while (done < rows.size()) {
            if (cancelled.getAsBoolean()) {
                log.info("Import of {} cancelled after {} of {} rows", plan.file().name(), done, rows.size());
                return new ImportReport(plan, added, skipped, done, true, null);
            }
            List<CustomerFile.Row> batch = rows.subList(done, Math.min(rows.size(), done + batchSize));
            CreatedCustomers result;
            try {
                result = store.createCustomers(batch.stream().map(CustomerFile.Row::draft).toList());
            } catch (RuntimeException e) {
                String why = Secrets.mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                log.warn("Import of {} stopped at row {}: {}", plan.file().name(), batch.get(0).number(), why);
                return new ImportReport(plan, added, skipped, done, false, why);
            }
            added += result.created().size();
            for (int i : result.skippedAsDuplicates()) {
                skipped.add(batch.get(i).number());
            }
            done += batch.size();
            progress.written(done, rows.size());
        }
        skipped.sort(null);
        log.info("Imported {}: {} customers added", plan.file().name(), added);
        return new ImportReport(plan, added, skipped, done, false, null);
    }
}
