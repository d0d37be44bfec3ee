"""Sessions, audit and feedback stores."""
