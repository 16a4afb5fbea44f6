"""Summit Timeline: news articles about summits → a sourced, browsable timeline site."""

__version__ = "0.1.0"
