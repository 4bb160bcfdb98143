package shoptwin.bench;

/** 6. The app: start-up to the first screen and resident memory with the big shop. */
final class AppStartBench {
    private AppStartBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report, SharedData shared) throws Exception {
        throw new UnsupportedOperationException("not written yet");
    }
}
