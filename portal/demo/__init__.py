"""Demo content of the programme page: useful links and programme documents."""
