"""Serving the app for real: the warm-start launcher, the nginx front for N replicas, a local cluster."""
