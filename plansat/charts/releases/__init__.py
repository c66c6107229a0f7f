"""The release page (``plansat releases --html``) and its figures."""
