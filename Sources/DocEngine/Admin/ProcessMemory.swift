import Foundation

/// The process's memory from /proc/self/statm (Linux), in MiB as serverStatus's `mem` reports it.
struct ProcessMemory {
    let residentMiB: Int64
    let virtualMiB: Int64

    /// nil where /proc is missing or unreadable; serverStatus then says `supported: false`.
    static func current() -> ProcessMemory? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        // statm: size resident shared text lib data dt, in pages.
        let fields = text.split(separator: " ").compactMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count >= 2 else { return nil }
        let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let mib: (Int64) -> Int64 = { pages in pages * pageSize / (1024 * 1024) }
        return ProcessMemory(residentMiB: mib(fields[1]), virtualMiB: mib(fields[0]))
    }
}
