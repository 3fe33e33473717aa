"""The core: plain data and pure functions, standard library only."""
