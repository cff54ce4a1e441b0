-- Macro: search_articles(query)
-- Grain: one row per article matching at least one query term, best BM25 score first.
-- Usage: SELECT * FROM search_articles('台风 南海') LIMIT 20;  (at most max_results rows, 1000 unless given;
-- search_articles('台风', max_results := NULL) returns every match). Ranking the best max_results before
-- fetching titles keeps a query for a common word fast at a million articles.
-- The query is split on whitespace; a token that is an index term is used as is, any other token (a phrase
-- jieba would have split, 台风南海) is replaced by the index terms found inside it (台风, 南海), the way
-- rjieba's search mode produced the index terms. BM25 with k1 = 1.2, b = 0.75 over search_postings.
CREATE OR REPLACE MACRO search_articles(query, max_results := 1000) AS TABLE
WITH tokens AS (
    SELECT DISTINCT token
    FROM (SELECT unnest(string_split_regex(lower(nfc_normalize(trim(query))), '\s+')) AS token)
    WHERE token <> ''
),
whole AS (
    SELECT t.term_id, t.df, k.token FROM tokens k JOIN search_terms t ON t.term = k.token AND t.df > 0
),
pieces AS (
    SELECT DISTINCT t.term_id, t.df
    FROM tokens k, range(1, length(k.token)) AS s(pos), range(2, 9) AS w(width), search_terms t
    WHERE k.token NOT IN (SELECT token FROM whole)
      AND pos + width - 1 <= length(k.token)
      AND t.term = substring(k.token, pos::INTEGER, width::INTEGER) AND t.df > 0
),
query_terms AS (
    SELECT term_id, df FROM whole UNION SELECT term_id, df FROM pieces
),
corpus AS (
    SELECT count(*) AS documents, avg(length) AS mean_length FROM search_documents
),
scored AS (
    SELECT p.doc_no,
           sum(ln(1 + (c.documents - q.df + 0.5) / (q.df + 0.5))
               * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * d.length / c.mean_length))) AS score,
           count(*) AS matched_terms
    FROM search_postings p
    JOIN query_terms q USING (term_id)
    JOIN search_documents d USING (doc_no)
    CROSS JOIN corpus c
    GROUP BY p.doc_no
    ORDER BY score DESC, p.doc_no
    LIMIT max_results
)
SELECT a.article_id, s.score, s.matched_terms, a.published_on, a.source, a.kind, a.title
FROM scored s
JOIN search_documents d USING (doc_no)
JOIN articles a USING (article_id)
ORDER BY s.score DESC, a.article_id;
