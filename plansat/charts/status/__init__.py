"""The status page (``plansat status --html``): figures and the rows of
the earned-value table."""
