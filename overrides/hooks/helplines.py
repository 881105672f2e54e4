"""MkDocs hook: the helpline directory (stub until the directory lands).

Generated pages: use nyf.generated_pages.add_generated_page (File.generated
files break mkdocs-static-i18n if added before its on_files).
"""
