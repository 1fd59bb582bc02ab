"""Indicators: values for every org computed the way inspectors compute them, and findings
against every target (ratio of sums, enrolment-weighted CVs, the 优质均衡 school rule)."""
