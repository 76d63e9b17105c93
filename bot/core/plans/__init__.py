"""Implementation plans: drafting, reading uploads, checking against the rules, the staff quota tally."""
