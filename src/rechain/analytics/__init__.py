"""Analytics over the current view: chains, supply tables, concentration, risk."""
