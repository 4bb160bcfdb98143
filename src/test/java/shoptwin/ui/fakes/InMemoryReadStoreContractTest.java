package shoptwin.ui.fakes;

import shoptwin.store.Dataset;
import shoptwin.store.ReadStoreContractTest;
import shoptwin.store.ShopStore;

/**
 * The read-store contract against the in-memory fake the view-model and UI tests use: a fake that
 * answered differently from the real stores would let those tests pass on behaviour no console has.
 */
class InMemoryReadStoreContractTest extends ReadStoreContractTest {
    @Override
    protected ShopStore storeWith(Dataset dataset) {
        return new InMemoryShopStore().seed(dataset);
    }
}
