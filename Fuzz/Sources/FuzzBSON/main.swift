import FuzzSupport

// Input: raw bytes offered to Document(bytes:), the validation every client document goes through.
runLibFuzzer { data, size in
    BSONChecks.check(fuzzBytes(data, size))
    return 0
}
