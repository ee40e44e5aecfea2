/// The MongoDB release whose behaviour the engine implements, in every form commands report it.
enum EngineVersion {
    static let major = 6
    static let minor = 0
    static let patch = 0
    static var string: String { "\(major).\(minor).\(patch)" }
    /// What `featureCompatibilityVersion` reports: major.minor.
    static var featureCompatibility: String { "\(major).\(minor)" }
}
