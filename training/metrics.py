"""Precision, recall and F1, the one definition every evaluation (NER, topics, quotations, tone) reports."""


def precision_recall_f1(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Each 0.0 where its denominator is 0 (nothing predicted, nothing to find, or both at 0)."""
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
