"""The outline under the partnership map: a committed data file (outline.json)
and the stdlib script that made it from Natural Earth (build.py)."""
