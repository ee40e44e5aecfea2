import FuzzSupport

// Input: one whole frame (header included) as the server's connection loop receives it.
runLibFuzzer { data, size in
    FrameChecks.check(fuzzBytes(data, size))
    return 0
}
