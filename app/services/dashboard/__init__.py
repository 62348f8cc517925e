"""The figures the dashboard draws: the risk position and the governance health."""
