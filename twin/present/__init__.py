"""Showing the scene to others: guided tours and the kiosk's settings (the model side; the windows are in _qt)."""
