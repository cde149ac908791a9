"""Checking uploaded files for what they really are, before anything is stored.

Stock Wagtail trusts the extension: an executable renamed ``.pdf``, a macro-enabled
Word file renamed ``.docx`` or a zip bomb renamed ``.docx`` are stored and then
downloaded by agents in the communes. ``validation`` refuses them (admin forms in
``forms``, the importer in ``practices.importers.writer``).
"""
