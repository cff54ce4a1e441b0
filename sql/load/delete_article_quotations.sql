-- Quotations of the given articles, before they are found again (re-runs replace them).
DELETE FROM quotations WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
