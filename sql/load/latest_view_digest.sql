-- The digest of the view definitions last applied (NULL before the first).
SELECT max_by(digest, applied_at) FROM view_definitions;
