"""Export the user's whole data (JSON, or applications as CSV) and import it back."""
