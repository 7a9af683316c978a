"""Evaluation: scorers for TempEval-3 Task A and SemEval-2015 Task 4, and their runners.

Each scorer reads the official data format, takes the system under test as a plain
callable, and reports counts as well as rates so results can be summed across runs.
"""
