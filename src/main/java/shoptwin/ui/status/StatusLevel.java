package shoptwin.ui.status;

/** How worrying a value is: the colour of its dot. */
public enum StatusLevel {
    UNKNOWN, OK, WARNING, DANGER
}
