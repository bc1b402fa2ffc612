"""Surveys (住民アンケート): planners build them, residents answer on a phone or on paper, planners read results."""
