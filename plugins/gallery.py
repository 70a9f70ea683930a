"""Pelican plugin entry point: photo galleries and the photo library (``thidua.gallery``)."""

from thidua.gallery import register

__all__ = ["register"]
