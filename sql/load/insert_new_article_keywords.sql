-- Top TF-IDF keywords of every tokenised article that has none yet, against the stored document frequencies:
-- weight = sqrt(tf) * (ln((1 + N) / (1 + df)) + 1) * specificity, times $once_factor (0.8) if the term is a
-- dictionary word the article mentions once (weak evidence: on the bench such words were the most often generic or
-- incidental), scaled so the article's best keyword is 1.0; ties by term. Specificity (term_document_frequency)
-- ranks the generic words of any prose lower; 1.0 where not yet known. A term mentioned once whose specificity is
-- below $min_specificity_once is no keyword (the article shows fewer), nor is a term whose learned worthiness is
-- below $min_worthiness (generic words of official prose such as 会议, 素质, 事宜; NULL where not yet known: kept).
-- Same formula and rules as pipelines.topics.keywords (keyword_score, is_keyword).
INSERT INTO article_keywords BY NAME
WITH corpus AS (SELECT count(*)::DOUBLE AS articles FROM article_terms),
pending AS (
    SELECT t.article_id, t.terms, t.counts FROM article_terms t ANTI JOIN article_keywords k USING (article_id)
    WHERE len(t.terms) > 0
),
term_counts AS (SELECT article_id, unnest(terms) AS term, unnest(counts) AS n FROM pending),
scored AS (
    SELECT tc.article_id, tc.term,
           sqrt(tc.n) * (ln((1.0 + corpus.articles) / (1.0 + d.df)) + 1.0) * coalesce(d.specificity, 1.0)
               * CASE WHEN tc.n = 1 AND d.specificity < 1.0 THEN $once_factor ELSE 1.0 END AS score
    FROM term_counts tc JOIN term_document_frequency d USING (term) CROSS JOIN corpus
    WHERE (tc.n > 1 OR coalesce(d.specificity, 1.0) >= $min_specificity_once)
      AND coalesce(d.worthiness, 1.0) >= $min_worthiness
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
