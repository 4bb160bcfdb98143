package shoptwin.bench;

/** How big a run is: {@code --quick} for a smoke run of a couple of minutes, the default for the sizes. */
record Scale(
        String name,
        int catchUpChanges,
        int loadOpsPerRun,
        int loadRounds,
        int lagSeconds,
        int captureOps,
        int customers,
        int paymentsPerCustomer,
        int oneByOneSample,
        int searchRepetitions) {

    static Scale quick() {
        return new Scale("quick", 10_000, 2_000, 1, 5, 1_000, 10_000, 10, 2_000, 30);
    }

    static Scale full() {
        return new Scale("full", 100_000, 8_000, 3, 15, 5_000, 100_000, 10, 20_000, 100);
    }
}
