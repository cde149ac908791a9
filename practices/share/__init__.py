"""« Partager une pratique »: the public-site form through which a commune agent
writes a good-practice fiche without learning the Wagtail admin.

The form saves a draft in the agent's commune section (``practices.drafts``),
optionally submits it to the practice workflow, and keeps every typed value and
every accepted file when something has to be corrected.
"""
