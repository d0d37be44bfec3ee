"""Sessions, audit, feedback and Slack stores: SQLite files by default, PostgreSQL for several replicas (choice.py picks)."""
