"""Applicant questions: what people ask the influencers about the job, collected by topic."""
