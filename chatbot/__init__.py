"""Clinical guideline chatbot: verbatim, cited answers from guideline publications."""

__version__ = "0.1.0"
