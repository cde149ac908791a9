"""The programme portal: the programme's own page and its four sections
(programme documents, document templates, useful links, contact persons)."""
