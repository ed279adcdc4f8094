"""Realist analysis: CMO configurations, candidate CMOCs, frequencies, co-occurrence."""
