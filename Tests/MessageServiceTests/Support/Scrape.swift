/// One sample line of the Prometheus text format: `name{label="value",...} number`.
struct MetricSample: Equatable {
    var name: String
    var labels: [String: String]
    var value: Double
}

/// The samples of a `/metrics` body (comment lines skipped). Label values in these tests never hold
/// quotes or commas, so a plain split is enough to read them.
func parseSamples(_ text: String) -> [MetricSample] {
    text.split(separator: "\n").compactMap { line -> MetricSample? in
        guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
        else { return nil }
        let series = line[..<space]
        guard let brace = series.firstIndex(of: "{") else { return MetricSample(name: String(series), labels: [:], value: value) }
        var labels: [String: String] = [:]
        for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
        }
        return MetricSample(name: String(series[..<brace]), labels: labels, value: value)
    }
}

extension [MetricSample] {
    /// The value of the one sample named `name` whose labels include `labels`, or nil.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
        return matching.count == 1 ? matching[0].value : nil
    }
}
