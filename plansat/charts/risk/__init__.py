"""The schedule-risk page (``plansat risk --html``) and its figures."""
