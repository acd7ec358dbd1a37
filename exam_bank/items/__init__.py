"""Items: the model, the rich-text subset they are written in, validation, the bank on disk."""
