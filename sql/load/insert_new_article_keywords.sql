-- Keywords of every tokenised article that has none yet, against the stored document frequencies.
-- Candidates: the article's terms except a dictionary word mentioned once whose specificity is below
-- $min_specificity_once and a term whose learned worthiness is below $min_worthiness (NULL where not yet known: kept),
-- scored sqrt(tf) * (ln((1 + N) / (1 + df)) + 1) * specificity (1.0 where not yet known), times $once_factor (0.8)
-- for a dictionary word mentioned once. Of the first $window candidates by that score (ties by term) the learned
-- keyword filter (pipelines/topics/keyword_context.py, weights $w_* and $intercept from
-- resources/keyword_filter.json) keeps those whose probability of being meaningful in the article reaches
-- $threshold, or the most probable one if none does; they are ranked by that probability (ties by term), weighted
-- by it relative to the first, at most $top_k. Same formula and rules as pipelines.topics.keywords.KeywordExtractor.
INSERT INTO article_keywords BY NAME
WITH corpus AS (SELECT count(*)::DOUBLE AS articles FROM article_terms),
-- found on ids alone, their term lists fetched by rowid (see load/articles_by_id.sql)
pending_rows AS (
    SELECT t.rowid AS row_id FROM article_terms t ANTI JOIN article_keywords k USING (article_id)
),
pending AS (
    SELECT t.article_id, t.terms, t.counts, t.named, t.inside_longer, t.first_at, t.glued_right
    FROM article_terms t
    WHERE t.rowid IN (SELECT row_id FROM pending_rows) AND len(t.terms) > 0
),
term_counts AS (
    SELECT article_id, unnest(terms) AS term, unnest(counts) AS n, unnest(named) AS named, unnest(inside_longer) AS inside_longer, unnest(first_at) AS first_at,
           unnest(glued_right) AS glued_right
    FROM pending
),
scored AS (
    SELECT tc.*, d.df, coalesce(d.specificity, 1.0) AS specificity, coalesce(d.worthiness, 1.0) AS worthiness,
           sqrt(tc.n) * (ln((1.0 + corpus.articles) / (1.0 + d.df)) + 1.0) * coalesce(d.specificity, 1.0)
               * CASE WHEN tc.n = 1 AND d.specificity < 1.0 THEN $once_factor ELSE 1.0 END AS score,
           corpus.articles
    FROM term_counts tc JOIN term_document_frequency d USING (term) CROSS JOIN corpus
    WHERE (tc.n > 1 OR coalesce(d.specificity, 1.0) >= $min_specificity_once)
      AND coalesce(d.worthiness, 1.0) >= $min_worthiness
),
candidates AS (
    SELECT *, score / max(score) OVER (PARTITION BY article_id) AS relative_score
    FROM scored
    QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY score DESC, term) <= $window
),
judged AS (
    SELECT article_id, term,
           1.0 / (1.0 + exp(-($intercept
               + $w_idf_share * ln((1.0 + articles) / (1.0 + df)) / ln(1.0 + articles)
               + $w_log_count * ln(n)
               + $w_named * named::INTEGER
               + $w_inside_longer * inside_longer::INTEGER
               + $w_first_at * first_at
               + $w_worthiness_logit * ln(least(greatest(worthiness, 1e-4), 1 - 1e-4)
                                          / (1 - least(greatest(worthiness, 1e-4), 1 - 1e-4)))
               + $w_specificity * specificity
               + $w_relative_score * relative_score
               + $w_length * least(length(term), 8) / 8.0
               + $w_named_glued_right * named::INTEGER * glued_right))) AS p
    FROM candidates
),
kept AS (
    SELECT article_id, term, p, max(p) OVER (PARTITION BY article_id) AS best FROM judged
    QUALIFY p >= $threshold OR p = max(p) OVER (PARTITION BY article_id)
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY article_id ORDER BY p DESC, term) AS rank FROM kept
)
SELECT article_id, term AS keyword, round(p / best, 4) AS weight, rank, $model_version AS model_version
FROM ranked WHERE rank <= $top_k;
