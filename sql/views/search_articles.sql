-- Macro: search_articles(query)
-- Grain: one row per matching story text, best score first: a teaser linked to its full article (story_links,
-- teaser_of) is collapsed into that full article (one hit, the full text), and any other teaser's score is
-- multiplied by teaser_weight (0.8 unless given), so full reports rank above the 230-character teasers that
-- BM25's length normalisation favours.
-- Usage: SELECT * FROM search_articles('台风 南海') LIMIT 20;  (at most max_results rows, 1000 unless given;
-- search_articles('台风', max_results := NULL) returns every match; teaser_weight := 1.0 ranks by BM25 alone).
-- Ranking the best max_results by BM25 before fetching titles keeps a query for a common word fast at a million
-- articles; the teaser weight and the collapse re-rank those.
-- The query is split on whitespace; each token is replaced by the longest index terms found inside it: the
-- token itself when it is a term (习近平), else the terms that cover it (台风南海 -> 台风, 南海), down to single
-- characters where no longer term does (雾霾, unknown to jieba's dictionary, -> 雾, 霾). Shorter terms inside a
-- found one are dropped (习近 and 近平 inside 习近平: rare segmentation debris that would outrank real matches).
-- The vocabulary holds no teaser's cut-off last word (pipelines/search/terms.py), so 新冠肺炎 is not split at a
-- fragment 新冠肺. Title words count 3 times in the index (TITLE_WEIGHT, the title field's weight).
-- BM25 with k1 = 1.2, b = 0.75 over search_postings.
CREATE OR REPLACE MACRO search_articles(query, max_results := 1000, teaser_weight := 0.8) AS TABLE
WITH tokens AS (
    SELECT DISTINCT token
    FROM (SELECT unnest(string_split_regex(lower(nfc_normalize(trim(query))), '\s+')) AS token)
    WHERE token <> ''
),
spans AS (  -- every substring of up to 8 characters of each token, and the whole token however long
    SELECT k.token, pos, width, substring(k.token, pos::INTEGER, width::INTEGER) AS piece
    FROM tokens k, range(1, length(k.token) + 1) AS s(pos), range(1, 9) AS w(width)
    WHERE pos + width - 1 <= length(k.token)
    UNION
    SELECT token, 1, length(token), token FROM tokens
),
found AS (  -- the substrings that are index terms
    SELECT s.token, s.pos, s.width, t.term_id, t.df
    FROM spans s JOIN search_terms t ON t.term = s.piece AND t.df > 0
),
query_terms AS (  -- the longest found terms: any found inside a longer found one of the same token is dropped
    SELECT DISTINCT f.term_id, f.df FROM found f
    WHERE NOT EXISTS (
        SELECT 1 FROM found g
        WHERE g.token = f.token AND g.width > f.width AND g.pos <= f.pos AND g.pos + g.width >= f.pos + f.width
    )
),
corpus AS (
    SELECT count(*) AS documents, avg(length) AS mean_length FROM search_documents
),
scored AS (
    SELECT p.doc_no,
           sum(ln(1 + (c.documents - q.df + 0.5) / (q.df + 0.5))
               * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * p.doc_length / c.mean_length))) AS score,
           count(*) AS matched_terms
    FROM search_postings p
    JOIN query_terms q USING (term_id)
    CROSS JOIN corpus c
    GROUP BY p.doc_no
    ORDER BY score DESC, p.doc_no
    LIMIT max_results
),
docs AS MATERIALIZED (  -- the hits as indexed, with what they show: no article is read for them
    SELECT d.article_id, d.kind, d.published_on, d.source, d.title, s.score, s.matched_terms
    FROM scored s JOIN search_documents d USING (doc_no)
),
teaser_links AS MATERIALIZED (  -- the full articles of the teaser hits
    SELECT article_id, other_id FROM story_links
    WHERE relation = 'teaser_of' AND article_id IN (SELECT article_id FROM docs WHERE kind = 'teaser')
),
full_rows AS MATERIALIZED (  -- their index rows (a full article not indexed yet cannot be shown: its teaser stays)
    SELECT article_id, kind, published_on, source, title FROM search_documents
    WHERE article_id IN (SELECT other_id FROM teaser_links)
),
full_reports AS (  -- each teaser hit's full article (the smallest id if several)
    SELECT l.article_id, min(l.other_id) AS full_id
    FROM teaser_links l SEMI JOIN full_rows r ON r.article_id = l.other_id
    GROUP BY l.article_id
),
shown AS (  -- what each hit shows: its own index row, or its full article's
    SELECT article_id, kind, published_on, source, title FROM docs
    UNION
    SELECT * FROM full_rows
),
collapsed AS (  -- each hit as the article to show: a teaser's full article where it has one
    SELECT coalesce(f.full_id, d.article_id) AS article_id, max(d.score) AS score,
           max(d.matched_terms) AS matched_terms
    FROM docs d LEFT JOIN full_reports f USING (article_id)
    GROUP BY ALL
)
SELECT c.article_id, c.score * CASE WHEN s.kind = 'teaser' THEN teaser_weight ELSE 1.0 END AS score,
       c.matched_terms, s.published_on, s.source, s.kind, s.title
FROM collapsed c
JOIN shown s USING (article_id)
ORDER BY score DESC, c.article_id;
