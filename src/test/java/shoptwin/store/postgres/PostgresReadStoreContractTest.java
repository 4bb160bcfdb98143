package shoptwin.store.postgres;

import shoptwin.store.Dataset;
import shoptwin.store.ReadStoreContractTest;
import shoptwin.store.ShopStore;
import shoptwin.testing.TestDatabases;

/** The read-store contract against the primary: PostgreSQL with the same rows. */
class PostgresReadStoreContractTest extends ReadStoreContractTest {
    @Override
    protected ShopStore storeWith(Dataset dataset) throws Exception {
        Database db = new Database(TestDatabases.freshPostgres(), 4);
        db.migrate();
        PostgresFixtures.insert(db.dataSource(), dataset);
        return new PostgresShopStore(db, true);
    }
}
