-- The views were re-created from files with this digest.
INSERT INTO view_definitions BY NAME
SELECT $digest AS digest, $applied_at AS applied_at;
