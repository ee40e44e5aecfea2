import BSON
import Foundation

/// `hostInfo`: the machine and operating system the engine runs on, read from the OS.
enum HostInfoCommand {
    @Sendable static func run(_ context: CommandContext) async throws -> Document {
        let process = ProcessInfo.processInfo
        let kernel = Self.kernelNames()
        let memoryMB = Int64(clamping: process.physicalMemory / (1024 * 1024))
        let system: Document = [
            "currentTime": .datetime(Int64(Date().timeIntervalSince1970 * 1000)),
            "hostname": .string(process.hostName),
            "cpuAddrSize": .int32(Int32(MemoryLayout<Int>.size * 8)),
            "memSizeMB": .int64(memoryMB),
            "memLimitMB": .int64(min(memoryMB, cgroupMemoryLimitMB() ?? memoryMB)),
            "numCores": .int32(Int32(clamping: process.processorCount)),
            "cpuArch": .string(kernel.machine),
            "numaEnabled": false,
        ]
        let os: Document = ["type": .string(kernel.system), "name": .string(operatingSystemName() ?? kernel.system),
                            "version": .string(kernel.release)]
        var extra: Document = ["versionString": .string(kernel.version)]
        extra.append("pageSize", .int64(Int64(sysconf(Int32(_SC_PAGESIZE)))))
        extra.append("numPages", .int64(Int64(sysconf(Int32(_SC_PHYS_PAGES)))))
        extra.append("maxOpenFiles", .int64(Int64(sysconf(Int32(_SC_OPEN_MAX)))))
        return ["system": .document(system), "os": .document(os), "extra": .document(extra), "ok": 1.0]
    }

    private static func kernelNames() -> (system: String, release: String, version: String, machine: String) {
        var names = utsname()
        _ = uname(&names)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return (text(names.sysname), text(names.release), text(names.version), text(names.machine))
    }

    /// The container's memory limit (cgroup v2 `memory.max`, or v1's limit), nil when there is none.
    private static func cgroupMemoryLimitMB() -> Int64? {
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let bytes = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { continue }
            return bytes / (1024 * 1024)
        }
        return nil
    }

    /// The distribution's PRETTY_NAME from /etc/os-release, as mongod reports `os.name` on Linux.
    private static func operatingSystemName() -> String? {
        guard let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return nil }
        for line in release.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
