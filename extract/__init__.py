"""ita-archive: Thai ITA reports (PDF, HTML, Word, text dumps) into a searchable SQLite archive.

The library API the CLI wraps::

    from extract.pipeline import ingest_paths, process_bytes
    from extract.export import export_documents, export_json, export_csv
    from extract.serve import serve_archive
"""

__version__ = "0.1.0"
