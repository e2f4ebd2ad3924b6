"""The council report of a project: its analyses and views rendered offscreen through the VTK mirror, written as PDF or HTML in French. Above _vtk, below the windows."""
