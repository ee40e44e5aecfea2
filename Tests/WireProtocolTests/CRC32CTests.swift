import Testing
import WireProtocol

/// Check values from RFC 3720 (iSCSI), appendix B.4, and the usual "123456789" check.
@Suite struct CRC32CTests {
    @Test func checkValue() {
        #expect(crc32c(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func rfc3720Vectors() {
        #expect(crc32c([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(crc32c([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(crc32c((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(crc32c((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    @Test func emptyInputIsZero() {
        #expect(crc32c([UInt8]()) == 0)
    }
}
