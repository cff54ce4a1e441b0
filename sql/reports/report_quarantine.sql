-- Quarantined records per reason, with one example (file, record, start of the raw text) each.
SELECT q.reason, count(*) AS records,
       arg_min(d.file_key || ' #' || q.record_no, d.file_key || lpad(CAST(q.record_no AS VARCHAR), 9, '0')) AS example,
       arg_min(left(regexp_replace(q.raw_text, '\s+', ' ', 'g'), 60),
               d.file_key || lpad(CAST(q.record_no AS VARCHAR), 9, '0')) AS example_text
FROM quarantine q
LEFT JOIN dumps d USING (dump_id)
GROUP BY q.reason
ORDER BY records DESC, q.reason;
