"""The Qt application: widgets that show and edit the model; never touch VTK actors."""
