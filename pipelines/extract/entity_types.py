"""The entity types the warehouse stores in entity_mentions.type and entities.type (CLUENER's tags, kept short)."""

PERSON = "PER"
PLACE = "LOC"
ORGANISATION = "ORG"
# Every type of named entity, in the order reports and scores list them.
NAME_TYPES = (PERSON, PLACE, ORGANISATION)
