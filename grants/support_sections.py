"""What this part of the facilities adds to the shared pages (see yhdistystori.contributions):
passed to `contribute()` by GrantsConfig.ready()."""

CONTRIBUTIONS: dict = {}
