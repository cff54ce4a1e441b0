-- Why records were quarantined, most common reason first.
SELECT reason, count(*) AS records FROM quarantine GROUP BY reason ORDER BY records DESC, reason;
