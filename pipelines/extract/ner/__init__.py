"""Chinese named-entity tagger (PER/LOC/ORG) for news text: character CRF + light rules."""

from pipelines.extract.ner.tagger import NER_VERSION, EntitySpan, NerTagger, default_tagger

__all__ = ["NER_VERSION", "EntitySpan", "NerTagger", "default_tagger"]
