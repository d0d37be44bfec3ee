"""The chat widget: routes and static assets."""
