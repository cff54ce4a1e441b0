-- Top TF-IDF keywords of every tokenised article that has none yet, against the stored document frequencies:
-- weight = (1 + ln tf) * (ln((1 + N) / (1 + df)) + 1) * specificity (generic words of any prose rank lower; 1.0 where
-- not yet known), scaled so the article's best keyword is 1.0; ties by term.
INSERT INTO article_keywords BY NAME
WITH corpus AS (SELECT count(*)::DOUBLE AS articles FROM article_terms),
pending AS (
    SELECT t.article_id, t.terms, t.counts FROM article_terms t ANTI JOIN article_keywords k USING (article_id)
    WHERE len(t.terms) > 0
),
term_counts AS (SELECT article_id, unnest(terms) AS term, unnest(counts) AS n FROM pending),
scored AS (
    SELECT tc.article_id, tc.term,
           (1.0 + ln(tc.n)) * (ln((1.0 + corpus.articles) / (1.0 + d.df)) + 1.0) * coalesce(d.specificity, 1.0) AS score
    FROM term_counts tc JOIN term_document_frequency d USING (term) CROSS JOIN corpus
),
ranked AS (
    SELECT article_id, term, score,
           row_number() OVER (PARTITION BY article_id ORDER BY score DESC, term) AS rank,
           max(score) OVER (PARTITION BY article_id) AS best
    FROM scored
)
SELECT article_id, term AS keyword, round(greatest(0.0, least(1.0, score / best)), 4) AS weight, rank,
       $model_version AS model_version
FROM ranked WHERE rank <= $top_k;
