import FuzzSupport

runFuzzer(fuzzEvents)
