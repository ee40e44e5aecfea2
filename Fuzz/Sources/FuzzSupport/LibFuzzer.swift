import CFuzzerDriver
import Glibc

/// One fuzz input, as libFuzzer hands it over. Returns 0; libFuzzer reserves other values.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// Hands the process to libFuzzer, which parses the command line (corpus directories, -max_total_time…),
/// calls `test` once per input and exits with its own status: non-zero on a crash, timeout or OOM.
///
/// SwiftPM links an executable's main under a renamed symbol, so libFuzzer's own `main` never runs; the
/// executable keeps its main and enters libFuzzer through `LLVMFuzzerRunDriver` instead.
public func runLibFuzzer(_ test: FuzzTest) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}

/// Copies libFuzzer's input into an array (libFuzzer may pass a null pointer for the empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
