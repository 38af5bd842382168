"""Batch runs over archives: readers, article records, writers, worker pools and Dask."""

__all__: list[str] = []
