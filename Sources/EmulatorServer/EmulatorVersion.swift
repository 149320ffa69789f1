public enum EmulatorVersion {
    public static let current = "0.1.0"
}
