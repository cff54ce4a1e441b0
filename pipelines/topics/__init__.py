"""Topic layer: IPTC Media Topics classification, discovered themes, keywords.

Pure Python (no Dagster): the orchestrator imports these functions.
"""

from pipelines.topics.classifier import TopicClassifier, default_classifier
from pipelines.topics.taxonomy import IPTC_TOPICS, Topic

TOPICS_VERSION = "topics-lr-2.0.0"

__all__ = ["IPTC_TOPICS", "TOPICS_VERSION", "Topic", "TopicClassifier", "default_classifier"]
