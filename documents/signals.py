"""The documents app's own signal.

``file_stored(sender=document model, document=…)``: a document's new file has
just been stored (upload, replacement, import), its checksum known and its
version recorded. ``documents.signal_handlers`` answers it by enqueueing the
task that reads the file (``documents.file_facts``): the model itself stays
free of task code (pyproject.toml, "models-import-no-features").
"""

from django.dispatch import Signal

file_stored = Signal()
