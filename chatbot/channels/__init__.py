"""The channels that wrap one Chatbot: CLI, HTTP, Slack, widget."""
