"""Pelican plugin entry point: robots.txt beside the sitemap (``thidua.discovery``)."""

from thidua.discovery import register

__all__ = ["register"]
