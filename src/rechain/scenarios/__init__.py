"""Scenarios: YAML files describing shocks, and a multi-period, element-resolved mass
balance across stages solved as a linear program with HiGHS."""
