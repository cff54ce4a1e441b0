from __future__ import annotations

import pytest

from training.metrics import precision_recall_f1


@pytest.mark.parametrize(
    ("right", "predicted", "gold", "expected"),
    [
        (3, 4, 6, (0.75, 0.5, 0.6)),  # the ordinary case: F1 is the harmonic mean 2 * 0.75 * 0.5 / 1.25
        (5, 5, 5, (1.0, 1.0, 1.0)),  # everything found, nothing extra
        (0, 0, 5, (0.0, 0.0, 0.0)),  # nothing predicted: precision 0, not a division by zero
        (0, 3, 0, (0.0, 0.0, 0.0)),  # nothing to find
        (0, 2, 2, (0.0, 0.0, 0.0)),  # all predictions wrong: F1 0 though both denominators are positive
    ],
)
def test_precision_recall_f1(right, predicted, gold, expected):
    assert precision_recall_f1(right, predicted, gold) == pytest.approx(expected)
