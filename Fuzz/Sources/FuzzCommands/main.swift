import Foundation
import FuzzSupport

// Input: one options byte, then commands as consecutive BSON documents (or raw bytes for the socket); see
// CommandInput. The engine is started once and serves every input; CommandSession resets it between them.
do {
    try FuzzCommands.start()
} catch {
    FileHandle.standardError.write(Data("FuzzCommands: cannot start the engine: \(error)\n".utf8))
    exit(2)
}
runLibFuzzer { data, size in
    FuzzCommands.run(CommandInput(fuzzBytes(data, size)))
    return 0
}
