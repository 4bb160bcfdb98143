package shoptwin.ui.status;

import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorListener;
import shoptwin.mirror.MirrorService;

/** Where the status screen reads the mirror's health: its latest snapshot, and news of the next ones. */
public interface MirrorFeed {
    /** The latest snapshot; never blocks. */
    MirrorHealth health();

    void addListener(MirrorListener listener);

    void removeListener(MirrorListener listener);

    static MirrorFeed of(MirrorService mirror) {
        return new MirrorFeed() {
            @Override
            public MirrorHealth health() {
                return mirror.health();
            }

            @Override
            public void addListener(MirrorListener listener) {
                mirror.addListener(listener);
            }

            @Override
            public void removeListener(MirrorListener listener) {
                mirror.removeListener(listener);
            }
        };
    }
}
