"""Open hiring: the list, offers, re-confirmations and the audit of the order."""
