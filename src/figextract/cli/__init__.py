"""The command line (``figextract``) and scoring against gold files."""
