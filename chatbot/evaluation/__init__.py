"""Evaluation runs over gold sets, reports and plots."""
