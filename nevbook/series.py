"""The two calculations every chapter shares, defined once: the growth rate and the paper's data window.

Chapter 2.1 shows both where it first uses them; the other chapters import them.
"""

# The years the paper's own series cover: its Figure 1 runs from 2014 to 2023, and it appeared in 2024.
PAPER_YEARS = range(2014, 2024)
LAST_PAPER_YEAR = PAPER_YEARS[-1]


def growth_pct(series):
    """Year-on-year growth in percent: each level over the one before it, less one, times 100.

    ``series`` is indexed by consecutive years (or periods); the first value has no growth (NaN).
    """
    return (series / series.shift(1) - 1) * 100
