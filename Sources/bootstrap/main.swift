// TODO: the Runtime API loop and the enrichment handler are not wired in yet.
print("bootstrap: not yet implemented")
