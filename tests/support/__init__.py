"""Helpers shared by several test folders: servers, the agent API's tree readers, AppTest pages.

Code that benchmarks and scripts also need (starting servers, clients) lives in deploy/, not here.
"""
