#if canImport(Glibc)
import Glibc
#endif

/// Standard input, output and error, made to exist. Started with one of them closed (`2>&-`), the next
/// file msgsvc opened — the SQLite database, say — would take that number, and every later write meant
/// for standard error would land in it. Each closed one is opened on /dev/null first.
enum StandardDescriptors {
    static func ensureOpen() {
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            // open returns the lowest free number: the one just found closed.
            _ = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
        }
    }
}
