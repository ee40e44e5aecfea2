/// Stops the process when a property the fuzz target checks does not hold. libFuzzer treats the trap as a
/// crash and saves the input that caused it; the message says which property failed.
public func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                   file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    fatalError(message(), file: file, line: line)
}
