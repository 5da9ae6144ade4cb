"""Client care after the sale: purchases, returns, cases for the maker, remembered
clients (only with consent), and hand-offs to a human."""
