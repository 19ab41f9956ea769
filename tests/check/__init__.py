"""Tests of the checker: sound documents pass, and each injected defect is found where it is."""
