import FuzzSupport

runFuzzer(fuzzAWSErrors)
