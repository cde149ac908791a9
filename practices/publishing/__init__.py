"""Who may do what: roles, commune sections, collections, workflows, scopes."""
