package shoptwin.failover;

/** Whether a database answers: UNKNOWN until the first probe, DOWN after the failure threshold. */
public enum Reachability {
    UNKNOWN,
    UP,
    DOWN
}
