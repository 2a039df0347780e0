"""Ontology files, installed with the ecosystem package as ecosystem.ontology."""
