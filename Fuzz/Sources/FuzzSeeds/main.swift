import Foundation

// Writes the seed corpus: `FuzzSeeds <directory>` creates <directory>/<target>/<seed> for each fuzz target.
// The corpus is committed; run this again only to change it (scripts/fuzz --seeds).
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: FuzzSeeds <corpus directory>\n".utf8))
    exit(2)
}
let corpus = URL(fileURLWithPath: arguments[1])
let targets: [(String, [(String, [UInt8])])] = [
    ("FuzzBSON", BSONSeeds.all), ("FuzzFrames", FrameSeeds.all), ("FuzzCommands", CommandSeeds.all),
]
do {
    for (target, seeds) in targets {
        let directory = corpus.appendingPathComponent(target)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in seeds {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        print("\(target): \(seeds.count) seeds")
    }
} catch {
    FileHandle.standardError.write(Data("FuzzSeeds: \(error)\n".utf8))
    exit(1)
}
