import dagster as dg

# One partition per dump file, keyed by its path relative to the landing folder.
dump_partitions = dg.DynamicPartitionsDefinition(name="dumps")
