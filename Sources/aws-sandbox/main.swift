// TODO: the sandbox command line is not written yet.
print("aws-sandbox: not yet implemented")
