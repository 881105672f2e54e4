"""Not Your Fault: the pure core shared by the MkDocs hooks, scripts and tests.

Nothing here runs at import time; every module exposes plain functions.
"""
