import Foundation

/// The filesystem holding the data directory, as dbStats reports it.
struct FilesystemSizes {
    let used: Int64
    let total: Int64

    static func of(_ directory: String) -> FilesystemSizes? {
        var stats = statvfs()
        guard statvfs(directory, &stats) == 0 else { return nil }
        let block = Int64(stats.f_frsize)
        return FilesystemSizes(used: Int64(stats.f_blocks - stats.f_bfree) * block, total: Int64(stats.f_blocks) * block)
    }
}
