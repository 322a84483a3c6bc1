/// Which behavior graph to use in each region, remembered for the life of the process.
actor GraphDirectory {
    private let configuredGraphARN: String?
    private var graphs: [String: String] = [:]

    /// - Parameter configuredGraphARN: `DETECTIVE_GRAPH_ARN`, used in its own region only.
    init(configuredGraphARN: String?) {
        self.configuredGraphARN = configuredGraphARN
    }

    /// The graph for `detective.region`, or nil when the account administers none there.
    func graph(for detective: Detective) async throws -> String? {
        let region = detective.region
        if let configuredGraphARN, DetectiveIDs.region(ofGraph: configuredGraphARN) == region {
            return configuredGraphARN
        }
        if let known = graphs[region] { return known }

        // Only a found graph is remembered: once Detective is enabled, the next event uses it.
        guard let found = try await detective.listGraphs().first else { return nil }
        graphs[region] = found
        return found
    }
}
