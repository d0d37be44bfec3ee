"""Reading publications: readers, text normalisation, chunking."""
