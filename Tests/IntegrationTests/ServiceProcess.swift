import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where msgsvc keeps its messages in an integration run.
enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The embedded engine, in-process on a private Unix socket (no --uri).
    case embedded
    /// `msgsvc engine` as a separate process, reached with --uri over TCP.
    case standaloneEngine
    /// The deployment in MONGO_URI, when one is given.
    case external

    var description: String { rawValue }

    /// The backends this run covers: always the two engine modes, plus MONGO_URI's deployment if set.
    static var available: [Backend] {
        ProcessInfo.processInfo.environment["MONGO_URI"].map { $0.isEmpty ? [.embedded, .standaloneEngine] : allCases }
            ?? [.embedded, .standaloneEngine]
    }
}

/// Locates the built `msgsvc` binary: MSGSVC_BIN, else the debug build beside these sources.
enum Binary {
    static var path: String {
        if let given = ProcessInfo.processInfo.environment["MSGSVC_BIN"], !given.isEmpty { return given }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/msgsvc").path
    }
}

/// A child process with its output captured to a file (read on failure).
///
/// Spawned with posix_spawn, not Foundation's Process: on Linux, Swift 6.3.1's Process.run reads each
/// /proc/self/fd entry as a whole 256-byte dirent name and now and then reads off the end of a mapping
/// (swift-corelibs-foundation #5472); a test process with many sockets open crashed there in about one
/// full run in two.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    let logPath: String
    /// The wait status once the child has been reaped.
    private let reaped = NSLock()
    private var status: Int32?

    /// `stdoutPath`: where standard output goes, when it must be kept apart from the log (an export).
    /// `closingStderr`: the child starts with no standard error at all, as under `2>&-`.
    /// `workingDirectory`: where the child starts (where it looks for `./.env`); the test's own by default.
    init(arguments: [String], environment: [String: String] = [:], logPath: String, stdoutPath: String? = nil,
         closingStderr: Bool = false, workingDirectory: String? = nil) throws {
        self.logPath = logPath
        var env = ProcessInfo.processInfo.environment
        // The child must see only the settings the test gives it.
        for key in env.keys where key.hasPrefix("MSGSVC_") || key == "MONGO_URI" { env[key] = nil }
        env.merge(environment) { $1 }

        let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdoutPath {
            posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, log, 1)
        }
        if closingStderr {
            posix_spawn_file_actions_addclose(&actions, 2)
        } else {
            posix_spawn_file_actions_adddup2(&actions, log, 2)
        }
        if let workingDirectory {
            let rc = Self.addChdir(&actions, workingDirectory)
            guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        }
        // Nothing else of the test process leaks into the child (its client sockets would stay open there).
        guard Self.addCloseFrom(&actions, 3) == 0 else { throw POSIXError(.ENOSYS) }

        let argv = ([Binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, Binary.path, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        pid = child
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+) and addchdir_np (2.29+), which Swift's
    /// Glibc module does not declare; looked up once.
    private static let addCloseFrom = glibcFunction(
        "posix_spawn_file_actions_addclosefrom_np",
        as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    private static let addChdir = glibcFunction(
        "posix_spawn_file_actions_addchdir_np",
        as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)

    private static func glibcFunction<Function>(_ name: String, as type: Function.Type) -> Function {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { fatalError("this glibc has no \(name)") }
        return unsafeBitCast(symbol, to: type)
    }

    var isRunning: Bool { exitStatus() == nil }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ sig: Int32) { if isRunning { kill(pid, sig) } }

    /// The exit code, or the signal that ended it (as Foundation's Process reports them); nil while running.
    private func exitStatus() -> Int32? {
        reaped.withLock {
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            }
            guard let raw = status else { return nil }
            let signal = raw & 0x7F
            return signal == 0 ? (raw >> 8) & 0xFF : signal
        }
    }

    /// Waits for exit; returns the status, or nil if it did not exit in time.
    func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let code = exitStatus() { return code }
            if ContinuousClock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    func stop() async {
        guard isRunning else { return }
        signal(SIGTERM)
        if await waitForExit(timeout: .seconds(20)) == nil {
            signal(SIGKILL)
            _ = await waitForExit()
        }
    }
}

/// A port for a server to listen on, below Linux's ephemeral range (32768–60999 by default). A port from
/// `bind(0)` comes from that range, which every outgoing connection also draws its local port from: in a
/// busy test run another process's client socket could take it before the server bound it, or a second
/// server could answer in place of ours. Random ports below the range only meet other tests' servers,
/// and those collisions are retried (see `ServiceProcess.start`).
func freePort() -> Int {
    for _ in 0..<200 {
        let candidate = Int.random(in: 20_000..<32_000)
        if canBind(candidate) { return candidate }
    }
    return Int.random(in: 20_000..<32_000)
}

private func canBind(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}

func temporaryDirectory(_ prefix: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// msgsvc started as a real process on a free port, on the chosen backend.
final class ServiceProcess: @unchecked Sendable {
    let backend: Backend
    let dataDirectory: String
    private(set) var port: Int
    private(set) var service: ChildProcess?
    private(set) var engine: ChildProcess?
    private(set) var engineDataDirectory: String?
    private(set) var enginePort: Int?
    let database: String
    var client: HTTPClient { HTTPClient(port: port) }

    init(backend: Backend, dataDirectory: String? = nil) {
        self.backend = backend
        self.dataDirectory = dataDirectory ?? temporaryDirectory("msgsvc-it")
        self.port = freePort()
        self.database = "it_\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func start(_ backend: Backend, dataDirectory: String? = nil, extraArguments: [String] = []) async throws -> ServiceProcess {
        let process = ServiceProcess(backend: backend, dataDirectory: dataDirectory)
        try await process.start(extraArguments: extraArguments)
        return process
    }

    var uri: String? {
        switch backend {
        case .embedded: nil
        case .standaloneEngine: "mongodb://127.0.0.1:\(enginePort!)/\(database)"
        case .external: Self.externalURI(database: database)
        }
    }

    /// MONGO_URI with its database path replaced by this run's own database.
    static func externalURI(database: String) -> String {
        let given = ProcessInfo.processInfo.environment["MONGO_URI"] ?? ""
        guard var components = URLComponents(string: given) else { return given }
        components.path = "/" + database
        return components.string ?? given
    }

    func start(extraArguments: [String] = []) async throws {
        if backend == .standaloneEngine && engine == nil {
            let directory = engineDataDirectory ?? temporaryDirectory("msgsvc-engine")
            let port = enginePort ?? freePort()
            engineDataDirectory = directory
            enginePort = port
            engine = try ChildProcess(arguments: ["engine", "--data-dir", directory, "--port", "\(port)"],
                                      logPath: directory + ".log")
            try await waitForTCP(port: port)
        }
        // A port found free can be taken by another test's process or connection before msgsvc binds it;
        // such a start is retried on a new port rather than failing the test.
        for attempt in 1...5 {
            // No .env from wherever the tests run: the child sees only the settings the test gives it.
            var arguments = ["--port", "\(port)", "--data-dir", dataDirectory, "--log-level", "warning",
                             "--env-file", "/dev/null"] + extraArguments
            if let uri { arguments += ["--uri", uri] }
            service = try ChildProcess(arguments: arguments, logPath: dataDirectory + ".log")
            do {
                try await waitForHealthy()
                return
            } catch ServiceProcessError.didNotStart(let log) where log.contains("Address already in use") && attempt < 5 {
                await service?.stop()
                port = freePort()
            }
        }
    }

    func waitForTCP(port: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if (try? HTTPConnection(port: port)) != nil { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw ServiceProcessError.didNotStart("nothing listening on \(port)")
    }

    func waitForHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let response = try? await client.get("/readyz"), response.status == 200 { return }
            if let service, !service.isRunning {
                throw ServiceProcessError.didNotStart("msgsvc exited: \(service.log)")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw ServiceProcessError.didNotStart("msgsvc not ready: \(service?.log ?? "")")
    }

    /// Stops msgsvc (SIGTERM); the standalone engine keeps running unless `engineToo`.
    func stopService() async {
        await service?.stop()
    }

    func stop() async {
        await service?.stop()
        await engine?.stop()
        engine = nil
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: dataDirectory)
        try? FileManager.default.removeItem(atPath: dataDirectory + ".log")
        if let engineDataDirectory {
            try? FileManager.default.removeItem(atPath: engineDataDirectory)
            try? FileManager.default.removeItem(atPath: engineDataDirectory + ".log")
        }
    }
}

enum ServiceProcessError: Error {
    case didNotStart(String)
}

/// Runs `body` against a fresh msgsvc on `backend`, always stopping it.
func withService<T>(_ backend: Backend, _ body: (ServiceProcess) async throws -> T) async throws -> T {
    let service = try await ServiceProcess.start(backend)
    do {
        let result = try await body(service)
        await service.stop()
        service.cleanUp()
        return result
    } catch {
        await service.stop()
        print("msgsvc log (\(backend)):\n\(service.service?.log ?? "")\nengine log:\n\(service.engine?.log ?? "")")
        service.cleanUp()
        throw error
    }
}
