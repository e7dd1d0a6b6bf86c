"""The version of the tool, on its own so that reading it imports nothing else."""

__version__ = "0.1.0"
