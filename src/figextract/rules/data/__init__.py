"""Package data: the vocabularies as JSON files, read with importlib.resources."""

__all__: list[str] = []
