"""A plugin module that breaks as soon as it is imported."""

raise ImportError("this plugin needs a library that is not installed (pretend)")
