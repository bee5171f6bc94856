"""The networkx projection of the store and the analyses run on it (centrality, escalation)."""
