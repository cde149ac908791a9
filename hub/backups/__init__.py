"""Backup and restore of a whole installation (``manage.py backup_hub`` and
``restore_hub``, docs/operations.md): the database as a portable dump
(``database``), every file of the default storage (``media``), both in one
tar.gz whose manifest records the schema and a sha256 of every member
(``archive``); ``backup`` and ``restore`` put them together."""
