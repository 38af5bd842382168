"""The spaCy glue: the component, its extension attributes, and loading and running a pipeline."""

__all__: list[str] = []
