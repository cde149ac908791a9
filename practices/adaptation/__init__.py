"""Adopt and adapt: a commune takes another commune's practice as the start of
its own fiche (``views.adapt``), and both fiches show their lineage
(``lineage``): "adapted from" on the adaptation, "adapted by" on the original,
on the pages and in the search API."""
