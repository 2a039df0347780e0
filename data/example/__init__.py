"""Bundled example, installed with the ecosystem package as ecosystem.example."""
