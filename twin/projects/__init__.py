"""Urban projects: variants made of edits, the buildings of each state, their section of the scene file."""
