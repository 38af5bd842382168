"""The command line (``figextract``) and scoring against gold files."""

__all__: list[str] = []
