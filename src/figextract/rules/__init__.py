"""The pure core: text to figures by rules and vocabularies. Nothing here imports spaCy."""

__all__: list[str] = []
