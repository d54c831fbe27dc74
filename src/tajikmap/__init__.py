"""tajikmap: an interactive geopolitical map of Tajikistan and its Afghan border.

The package holds every piece of logic (data loading and validation, geodata
building, map construction, URL state); the Streamlit files only wire widgets.
"""

__version__ = "0.1.0"
