import FuzzSupport

runFuzzer(fuzzRuntimeHeaders)
